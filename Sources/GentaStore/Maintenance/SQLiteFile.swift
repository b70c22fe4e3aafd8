import Foundation
import Logging
import SQLKit
import SQLiteKit

/// One SQLite file opened on a connection of its own, beside the backend: to copy a live
/// database while the server keeps writing to it, and to check a copy before it is trusted.
struct SQLiteFile: Sendable {
    let path: String
    private let connection: SQLiteConnection
    private let logger: Logger

    /// Opens an existing file; never creates one (SQLite would, silently, for a mistyped name).
    static func open(path: String, logger: Logger) async throws -> SQLiteFile {
        guard FileManager.default.fileExists(atPath: path) else { throw BackupError("there is no SQLite database at \(path)") }
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        } catch {
            throw BackupError("cannot open \(path) as an SQLite database: \(error)")
        }
        let file = SQLiteFile(path: path, connection: connection, logger: logger)
        do {
            // A server writing meanwhile holds the write lock only briefly; wait for it.
            try await file.sql.raw("PRAGMA busy_timeout = 5000").run()
        } catch {
            await file.close()
            throw BackupError("cannot use \(path) as an SQLite database: \(error)")
        }
        return file
    }

    var sql: any SQLDatabase { connection.sql(queryLogLevel: .trace) }

    /// The journal files SQLite keeps beside a database while it is open (or after a crash).
    static func sidecars(of path: String) -> [String] {
        ["-wal", "-shm", "-journal"].map { path + $0 }
    }

    /// Writes a consistent copy of the whole database to `copy` (which must not exist) with
    /// `VACUUM INTO`: one read transaction, so writers carry on (WAL) and the copy is a snapshot.
    func copy(into copy: String) async throws {
        do {
            try await sql.raw("VACUUM INTO \(bind: copy)").run()
        } catch {
            throw BackupError("cannot copy \(path) into \(copy): \(error)")
        }
    }

    /// `PRAGMA integrity_check`: nothing when it says "ok", else its findings. A file that is
    /// not an SQLite database fails here too ("file is not a database").
    func integrityProblems() async throws -> [String] {
        let findings: [String]
        do {
            findings = try await sql.raw("PRAGMA integrity_check").all().map { try $0.decode(column: "integrity_check", as: String.self) }
        } catch {
            return ["\(error)"]
        }
        return findings == ["ok"] ? [] : findings
    }

    func close() async {
        do { try await connection.close() } catch {
            logger.warning("closing \(path) failed", metadata: ["error": "\(error)"])
        }
    }

    /// Runs `body` on the open file and closes it, whatever happens.
    static func with<T: Sendable>(
        path: String, logger: Logger, _ body: @Sendable (SQLiteFile) async throws -> T
    ) async throws -> T {
        let file = try await open(path: path, logger: logger)
        let result: Result<T, any Error>
        do { result = .success(try await body(file)) } catch { result = .failure(error) }
        await file.close()
        return try result.get()
    }
}
