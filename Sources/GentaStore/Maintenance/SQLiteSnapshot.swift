import Foundation
import Logging

/// A backup of the embedded SQLite database, taken while the server keeps running: `VACUUM
/// INTO` on a connection of its own copies a consistent snapshot (one read transaction; in WAL
/// mode the server's writes carry on meanwhile), then the copy must pass
/// `PRAGMA integrity_check` before it is kept.
struct SQLiteSnapshot: Sendable {
    /// The live database file.
    let path: String
    let logger: Logger

    func write(into temporary: URL) async throws -> BackupContents {
        try await SQLiteFile.with(path: path, logger: logger) { live in try await live.copy(into: temporary.path) }
        return try await SQLiteFile.with(path: temporary.path, logger: logger) { copy in
            let problems = try await copy.integrityProblems()
            guard problems.isEmpty else {
                throw BackupError("""
                    the copy of \(path) failed PRAGMA integrity_check, so no backup was written: \
                    \(problems.prefix(3).joined(separator: "; "))
                    """)
            }
            let census = try await TableCensus.count(copy.sql, dialect: .sqlite)
            guard census.rowsByTable["schema_migrations"] != nil else {
                throw BackupError("\(path) has no schema_migrations table: it is not a Genta database, so no backup was written")
            }
            return BackupContents(tables: census.tables, rows: census.totalRows, archiveEntries: nil, check: "PRAGMA integrity_check: ok")
        }
    }
}
