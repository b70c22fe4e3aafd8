import Foundation
import Logging

/// `genta backup --to FILE`: a consistent copy of the configured database, taken while it
/// serves, checked, and only then given its name.
///
/// PostgreSQL gets a pg_dump custom-format archive, SQLite a copy of its file; either way the
/// copy is written under a temporary name beside FILE, checked (`PostgresDump`,
/// `SQLiteSnapshot`), flushed and renamed, so FILE never holds a half-written backup, and an
/// existing FILE is replaced only when asked to.
public struct DatabaseBackup: Sendable {
    /// Long enough for a dump of a large database on a slow disk; `--timeout` changes it.
    public static let defaultTimeout: Duration = .seconds(6 * 3600)

    let location: DatabaseLocation
    let timeout: Duration
    /// Where `PATH` and `GENTA_PG_BIN` are read from (the process's own, unless a test says).
    let environment: [String: String]
    let logger: Logger

    public init(
        location: DatabaseLocation, timeout: Duration = defaultTimeout,
        environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger
    ) {
        self.location = location
        self.timeout = timeout
        self.environment = environment
        self.logger = logger
    }

    /// Writes the backup to `path`; refuses an existing file unless `replacing`.
    public func write(to path: String, replacing: Bool = false) async throws -> BackupReport {
        let started = ContinuousClock.now
        let destination = try BackupDestination(path: path, replacing: replacing)
        if case .sqlite(let live) = location {
            // Even with --force: renaming the copy over the live file would leave the server
            // writing to a file nobody can open again.
            let database = URL(fileURLWithPath: live).standardizedFileURL.path
            if ([database] + SQLiteFile.sidecars(of: database)).contains(destination.file.path) {
                throw BackupError("\(destination.file.path) is the database itself (or its journal); write the backup to another file")
            }
        }
        let temporary = FilePlacement.temporaryName(beside: destination.file)
        do {
            let contents: BackupContents
            switch location {
            case .postgres(let server):
                contents = try await PostgresDump(location: server, environment: environment, timeout: timeout, logger: logger)
                    .write(into: temporary)
            case .sqlite(let live):
                contents = try await SQLiteSnapshot(path: URL(fileURLWithPath: live).standardizedFileURL.path, logger: logger)
                    .write(into: temporary)
            }
            // Interrupted while SQLite copied (a statement that cannot be stopped): nothing is kept.
            try Task.checkCancellation()
            try destination.checkNotThere()
            let bytes = try FilePlacement.size(of: temporary)
            try FilePlacement.moveIntoPlace(temporary, at: destination.file)
            return BackupReport(
                file: destination.file, bytes: bytes, dialect: location.dialect, tables: contents.tables, rows: contents.rows,
                archiveEntries: contents.archiveEntries, check: contents.check, elapsed: ContinuousClock.now - started)
        } catch {
            FilePlacement.discard(temporary, logger: logger)
            throw error
        }
    }
}
