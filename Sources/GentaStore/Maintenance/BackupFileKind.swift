import Foundation

/// What a backup file is, from its first bytes, so a restore can say "this is an SQLite backup"
/// instead of pg_restore's "not a valid archive" when the two kinds are mixed up.
enum BackupFileKind: Equatable {
    case sqlite, postgresArchive, other

    static func of(_ file: URL) throws -> BackupFileKind {
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: file) } catch {
            throw BackupError("cannot read \(file.path): \(error.localizedDescription)")
        }
        defer {
            do { try handle.close() } catch {
                // Only read from; nothing is lost.
            }
        }
        let head = try handle.read(upToCount: 16) ?? Data()
        if head.starts(with: Data("SQLite format 3\u{0}".utf8)) { return .sqlite }
        if head.starts(with: Data("PGDMP".utf8)) { return .postgresArchive }
        return .other
    }

    /// Fails when the file is a backup of the other kind of database than `dialect`.
    static func require(_ file: URL, restorableInto dialect: Dialect) throws {
        switch (try of(file), dialect) {
        case (.sqlite, .postgres):
            throw BackupError("""
                \(file.path) is an SQLite backup and DATABASE_URL names PostgreSQL: a backup restores only into the kind \
                of database it came from. Nothing was changed
                """)
        case (.postgresArchive, .sqlite):
            throw BackupError("""
                \(file.path) is a PostgreSQL backup and DATABASE_URL names an SQLite file: a backup restores only into \
                the kind of database it came from. Nothing was changed
                """)
        default:
            return
        }
    }
}
