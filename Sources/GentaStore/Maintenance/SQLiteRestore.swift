import Foundation
import Logging

/// An SQLite backup into place as the configured database file.
///
/// The backup is copied beside the target under a temporary name and every check runs on that
/// copy (the bytes that will be used): `PRAGMA integrity_check`, that it is a Genta database,
/// and its migration level. Only then is it renamed over the target, in one step. The target
/// must be absent or hold no tables, and no process may have it open (its `-wal` file says one
/// does): a server still writing to the old file would lose everything it wrote.
struct SQLiteRestore: Sendable {
    /// The configured database file (absolute).
    let target: URL
    let logger: Logger

    func restore(from file: URL) async throws -> RestoreReport {
        let folder = target.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder) else { throw BackupError("folder \(folder) does not exist") }
        guard FileManager.default.isWritableFile(atPath: folder) else { throw BackupError("cannot write in \(folder): permission denied") }
        try await requireEmptyTarget()
        let temporary = FilePlacement.temporaryName(beside: target)
        do {
            do {
                try FileManager.default.copyItem(at: file, to: temporary)
            } catch {
                throw BackupError("cannot copy \(file.path) to \(temporary.path): \(error.localizedDescription). Nothing was changed")
            }
            let report = try await check(temporary, from: file)
            try Task.checkCancellation()
            try requireNoSidecars(of: target)
            try FilePlacement.moveIntoPlace(temporary, at: target)
            return report
        } catch {
            FilePlacement.discard(temporary, logger: logger)
            throw error
        }
    }

    /// Refuses a target holding tables, or one a process has open.
    private func requireEmptyTarget() async throws {
        guard FileManager.default.fileExists(atPath: target.path) else { return try requireNoSidecars(of: target) }
        let tables = try await SQLiteFile.with(path: target.path, logger: logger) { existing in
            try await TableCensus.tableNames(existing.sql, dialect: .sqlite)
        }
        guard tables.isEmpty else {
            throw BackupError("""
                \(target.path) is not empty (\(tables.count) table(s)): restore only into a new file (point DATABASE_URL at \
                one that does not exist yet). Nothing was changed
                """)
        }
        try requireNoSidecars(of: target)
    }

    private func requireNoSidecars(of file: URL) throws {
        for sidecar in SQLiteFile.sidecars(of: file.path) where FileManager.default.fileExists(atPath: sidecar) {
            throw BackupError("""
                \(sidecar) exists: a process (genta serve?) has \(file.path) open, or one stopped without closing it; stop \
                it and try again. Nothing was changed
                """)
        }
    }

    /// Checks the copy as the server will use it; the census and migration level of the report.
    private func check(_ copy: URL, from file: URL) async throws -> RestoreReport {
        let tables = try await SQLiteFile.with(path: copy.path, logger: logger) { copy in
            let problems = try await copy.integrityProblems()
            guard problems.isEmpty else {
                throw BackupError("""
                    \(file.path) is not a sound SQLite database (PRAGMA integrity_check: \(problems.prefix(3).joined(separator: "; "))). \
                    Nothing was changed
                    """)
            }
            return try await TableCensus.tableNames(copy.sql, dialect: .sqlite)
        }
        guard tables.contains("schema_migrations") else {
            throw BackupError("\(file.path) holds no schema_migrations table: it is not a backup of a Genta database. Nothing was changed")
        }
        let database: SQLiteBackend
        do {
            database = try await SQLiteBackend.open(path: copy.path, logger: logger)
        } catch {
            throw BackupError("cannot open the copy of \(file.path): \(error). Nothing was changed")
        }
        return try await database.whileRunning { database in
            do {
                return try await RestoreReport.of(database)
            } catch let unknown as UnknownMigrationsError {
                throw BackupMigrationLevel.newerGenta(unknown: unknown.versions, file: file)
            }
        }
    }
}
