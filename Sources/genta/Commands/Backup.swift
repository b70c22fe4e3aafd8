import ArgumentParser
import Foundation
import GentaCore
import GentaStore

/// `genta backup --to FILE`: a checked backup of the configured database, taken while it serves.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a consistent, checked backup of the database to a file, while the server keeps running.",
        discussion: """
            PostgreSQL: pg_dump --format=custom (a snapshot of one instant; the server's reads and \
            writes go on), then pg_restore reads the archive back. SQLite: VACUUM INTO a copy, which \
            must pass PRAGMA integrity_check. The backup is written under a temporary name beside \
            FILE and renamed only once checked, so FILE never holds half a backup. pg_dump and \
            pg_restore are the newest found in /usr/lib/postgresql/*/bin or on PATH, or those in \
            GENTA_PG_BIN. Restore with genta restore FILE. See docs/OPERATIONS.md.
            """
    )

    @Option(name: .customLong("to"), help: ArgumentHelp("The backup file to write.", valueName: "file"))
    var file: String

    @Flag(help: "Replace the file if it exists.")
    var force = false

    @OptionGroup var limit: ToolTimeout

    func run() async throws {
        let configuration = try CommandSupport.configuration()
        let logger = CommandSupport.logger(configuration)
        try await CommandSupport.reportingErrors {
            print("Database: \(configuration.database)")
            let backup = DatabaseBackup(location: configuration.database, timeout: limit.duration, logger: logger)
            let report = try await Interruption.failingWhenInterrupted("interrupted; no backup was written") { [file, force] in
                try await backup.write(to: file, replacing: force)
            }
            var contents = ["\(report.tables) tables"]
            if let rows = report.rows { contents.append("\(rows) rows") }
            if let entries = report.archiveEntries { contents.append("\(entries) archive entries") }
            print("Wrote \(report.file.path): \(ByteSize(report.bytes)), \(contents.joined(separator: ", ")), in \(Seconds(report.elapsed)).")
            print("Checked: \(report.check).")
        }
    }
}

/// `genta restore FILE`: a backup into the configured database, which must be empty.
struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Restore a backup made by genta backup into the database, which must be empty.",
        discussion: """
            The database of DATABASE_URL must be empty: a PostgreSQL database with no tables, or an \
            SQLite file that is absent or has no tables (and that no genta serve has open). The file \
            is checked before anything changes: a truncated or foreign file, a backup of the other \
            kind of database, or one from a newer Genta is refused. PostgreSQL restores in one \
            transaction (pg_restore --single-transaction --exit-on-error); SQLite's copy is checked \
            and renamed into place. Prints the row counts of the main tables. See docs/OPERATIONS.md.
            """
    )

    @Argument(help: "The backup file (from genta backup).")
    var file: String

    @OptionGroup var limit: ToolTimeout

    func run() async throws {
        let configuration = try CommandSupport.configuration()
        let logger = CommandSupport.logger(configuration)
        try await CommandSupport.reportingErrors {
            print("Database: \(configuration.database)")
            let restore = DatabaseRestore(location: configuration.database, timeout: limit.duration, logger: logger)
            let report = try await Interruption.failingWhenInterrupted("interrupted; the database was left as it was") { [file] in
                try await restore.restore(from: file)
            }
            let census = report.census
            print("""
                Restored \(URL(fileURLWithPath: file).standardizedFileURL.path) in \(Seconds(report.elapsed)): \
                migration \(report.migrationVersion), \(census.tables) tables, \(census.totalRows) rows.
                """)
            for table in TableCensus.mainTables {
                guard let rows = census.rowsByTable[table] else { continue }
                print("  \(table.padding(toLength: 22, withPad: " ", startingAt: 0)) \(String(rows).leftPadded(to: 10))")
            }
            if !report.pendingMigrations.isEmpty {
                print("""
                    The backup predates migration(s) \(report.pendingMigrations.map(String.init).joined(separator: ", ")) of \
                    this Genta: genta migrate (or genta serve) applies them.
                    """)
            }
        }
    }
}

/// `--timeout`: how long pg_dump or pg_restore may run, shared by backup and restore.
struct ToolTimeout: ParsableArguments {
    @Option(help: ArgumentHelp("Stop pg_dump or pg_restore after this many seconds.", valueName: "seconds"))
    var timeout = Int(DatabaseBackup.defaultTimeout.components.seconds)

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be a positive number of seconds.") }
    }

    var duration: Duration { .seconds(timeout) }
}

/// A size in bytes as people read it: 1.4 MiB (1468006 bytes).
private struct ByteSize: CustomStringConvertible {
    let bytes: Int
    init(_ bytes: Int) { self.bytes = bytes }

    var description: String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = -1
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit < 0 ? "\(bytes) bytes" : "\(String(format: "%.1f", value)) \(units[unit]) (\(bytes) bytes)"
    }
}

/// A duration in seconds with one decimal.
private struct Seconds: CustomStringConvertible {
    let duration: Duration
    init(_ duration: Duration) { self.duration = duration }
    var description: String { String(format: "%.1f s", duration.timeInterval) }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
