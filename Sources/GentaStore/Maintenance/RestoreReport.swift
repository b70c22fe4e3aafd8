import Foundation
import GentaCore

/// What `DatabaseRestore` brought back.
public struct RestoreReport: Sendable {
    /// Rows per table in the restored database.
    public var census: TableCensus
    /// The newest migration the backup had applied.
    public var migrationVersion: Int
    /// Migrations this Genta knows that the backup predates; `genta migrate` (or `serve`) applies them.
    public var pendingMigrations: [Int]
    public var elapsed: Duration

    /// The report on a restored database, its migration level read by the migration runner
    /// (which refuses, with `UnknownMigrationsError`, a level newer than this build's).
    static func of(_ database: any Database) async throws -> RestoreReport {
        let applied = try await Migrator(database: database, now: WallClock.system.now).status()
            .filter { $0.appliedAt != nil }.map(\.version)
        return RestoreReport(
            census: try await TableCensus.of(database), migrationVersion: applied.max() ?? 0,
            pendingMigrations: BackupMigrationLevel.pending(after: applied), elapsed: .zero)
    }
}
