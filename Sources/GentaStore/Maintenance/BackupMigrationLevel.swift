import Foundation

/// Whether a backup's schema is one this Genta can run on: a backup taken by a newer Genta has
/// migrations this build does not know, and restoring it would leave a database this build
/// refuses to serve. Such a backup is refused before anything is changed.
enum BackupMigrationLevel {
    static var knownVersions: [Int] { Migration.all.map(\.version) }

    /// Fails when `versions` (a backup's applied migrations) holds one this build does not know.
    static func check(_ versions: [Int], in file: URL) throws {
        let known = Set(knownVersions)
        let unknown = versions.filter { !known.contains($0) }.sorted()
        guard unknown.isEmpty else { throw newerGenta(unknown: unknown, file: file) }
    }

    static func newerGenta(unknown: [Int], file: URL) -> BackupError {
        BackupError("""
            \(file.path) comes from a newer Genta: it has migration(s) \(unknown.map(String.init).joined(separator: ", ")) \
            and this build knows only up to \(knownVersions.max() ?? 0); restore it with that version of Genta or a later one. \
            Nothing was changed
            """)
    }

    /// The known migrations a backup at `applied` predates, oldest first.
    static func pending(after applied: [Int]) -> [Int] {
        let done = Set(applied)
        return knownVersions.filter { !done.contains($0) }
    }
}
