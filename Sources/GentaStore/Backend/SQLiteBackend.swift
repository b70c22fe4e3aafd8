import Foundation
import Logging
import SQLKit
import SQLiteKit

/// The embedded database: one SQLite file, one connection, statements serialised.
///
/// One connection is enough for a single-process install and makes transactions simple: the
/// mutex gives each caller the connection to itself for the length of its work.
public final class SQLiteBackend: Database {
    public let dialect = Dialect.sqlite
    public let location: DatabaseLocation
    private let connection: SQLiteConnection
    private let mutex = AsyncMutex()
    private let limits: DatabaseLimits
    private let logger: Logger

    private init(path: String, connection: SQLiteConnection, limits: DatabaseLimits, logger: Logger) {
        self.location = .sqlite(path: path)
        self.connection = connection
        self.limits = limits
        self.logger = logger
    }

    /// Opens (creating if needed) the database file after checking that it can be written.
    public static func open(path: String, limits: DatabaseLimits = DatabaseLimits(), logger: Logger) async throws(DatabaseOpenError) -> SQLiteBackend {
        try checkWritable(path: path)
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        } catch {
            throw DatabaseOpenError("cannot open SQLite database at \(path): \(error)")
        }
        let backend = SQLiteBackend(path: path, connection: connection, limits: limits, logger: logger)
        do {
            let db = connection.sql(queryLogLevel: .trace)
            // WAL lets readers (backups, `migrate --status`) work beside the server; foreign keys
            // are off by default in SQLite and the schema relies on them.
            try await db.raw("PRAGMA journal_mode = WAL").run()
            try await db.raw("PRAGMA foreign_keys = ON").run()
            try await db.raw("PRAGMA busy_timeout = 5000").run()
        } catch {
            await backend.close()
            throw DatabaseOpenError("cannot use SQLite database at \(path): \(error)")
        }
        return backend
    }

    public func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await exclusively { try await body(connection.sql(queryLogLevel: .trace)) }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        // IMMEDIATE takes the write lock up front so two processes never deadlock upgrading.
        try await exclusively {
            try await connection.sql(queryLogLevel: .trace).runTransaction(begin: "BEGIN IMMEDIATE", body)
        }
    }

    /// The connection to oneself, waiting at most `connectionWait`; SQLite's "busy" (another
    /// process holds the file past `busy_timeout`) is the same condition.
    private func exclusively<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        let wait = limits.connectionWait
        do {
            return try await mutex.withLock(waitingAtMost: wait, timeout: {
                DatabaseUnavailable(.busy, detail: "the SQLite connection was not free within \(wait)")
            }, work)
        } catch let error as SQLiteError where [.busy, .locked].contains(error.reason) {
            throw DatabaseUnavailable(.busy, detail: "\(error)")
        }
    }

    public func run() async throws {}

    public func started() async {}

    public func close() async {
        do { try await connection.close() } catch {
            logger.warning("closing SQLite failed", metadata: ["error": "\(error)"])
        }
    }

    /// Fails with a message naming the problem when the file or its folder cannot be written.
    static func checkWritable(path: String) throws(DatabaseOpenError) {
        let files = FileManager.default
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw DatabaseOpenError("\(path) is a directory, not an SQLite file") }
            guard files.isReadableFile(atPath: path) else { throw DatabaseOpenError("\(path) is not readable") }
            guard files.isWritableFile(atPath: path) else { throw DatabaseOpenError("\(path) is read-only") }
        } else {
            guard files.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw DatabaseOpenError("folder \(folder) does not exist")
            }
            guard files.isWritableFile(atPath: folder) else {
                throw DatabaseOpenError("cannot create \(path): folder \(folder) is read-only")
            }
        }
    }
}

/// The database could not be opened or reached; the message says why.
public struct DatabaseOpenError: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
