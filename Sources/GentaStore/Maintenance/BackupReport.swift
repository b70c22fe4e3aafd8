import Foundation

/// What `DatabaseBackup` wrote and what the check of it found.
public struct BackupReport: Sendable {
    /// Where the backup now is (absolute).
    public var file: URL
    public var bytes: Int
    public var dialect: Dialect
    /// Tables whose rows the backup holds.
    public var tables: Int
    /// SQLite: rows counted in the checked copy. PostgreSQL: unknown without restoring it.
    public var rows: Int?
    /// PostgreSQL: entries of the archive's table of contents (tables, indexes, data, …).
    public var archiveEntries: Int?
    /// How it was checked, for the operator: "pg_restore read it through", "integrity_check ok".
    public var check: String
    public var elapsed: Duration
}
