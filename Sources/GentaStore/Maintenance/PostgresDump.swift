import Foundation
import Logging

/// A backup of a PostgreSQL database: `pg_dump --format=custom`, then the archive is read back
/// with pg_restore (its table of contents, then every block) before anyone may trust it.
///
/// pg_dump works in one repeatable-read transaction: the archive is the database as it was at
/// one instant, however long the dump takes, and it takes no lock that holds up the server's
/// reads or writes (only schema changes wait for it).
struct PostgresDump: Sendable {
    let location: PostgresLocation
    let environment: [String: String]
    let timeout: Duration
    let logger: Logger

    func write(into temporary: URL) async throws -> BackupContents {
        let tools = try await PostgresClientTools.locate(environment: environment)
        let connection = PostgresToolConnection(location: location)
        logger.info("pg_dump \(tools.version) from \(tools.folder.path): \(connection.connectionString)")
        let outcome = try await Subprocess(
            executable: tools.pgDump,
            arguments: ["--format=custom", "--no-password", "--file=\(temporary.path)", "--dbname=\(connection.connectionString)"],
            environment: connection.environment(from: environment), timeout: timeout
        ).run()
        guard outcome.succeeded else {
            throw BackupError("pg_dump failed (exit status \(outcome.status)); no backup was written: \(Self.explain(outcome.standardError))")
        }
        let archive = PostgresArchive(file: temporary, tools: tools, environment: environment, timeout: timeout)
        let contents = try await archive.contents()
        guard contents.holdsMigrationLedger else {
            throw BackupError("\(location) has no schema_migrations table: it is not a Genta database, so no backup was written")
        }
        try await archive.readThrough()
        return BackupContents(
            tables: contents.tablesWithData.count, rows: nil, archiveEntries: contents.entries,
            check: "pg_restore \(tools.version) read its table of contents and every block")
    }

    /// pg_dump's own words, with the way out when it is older than the server.
    static func explain(_ errors: CapturedOutput) -> String {
        let said = errors.summary
        guard said.contains("server version mismatch") else { return said }
        return said + " — install the client programs of the server's version or later, or name their folder in GENTA_PG_BIN"
    }
}

/// What a per-database writer found in the copy it made.
struct BackupContents: Sendable {
    var tables: Int
    var rows: Int?
    var archiveEntries: Int?
    var check: String
}
