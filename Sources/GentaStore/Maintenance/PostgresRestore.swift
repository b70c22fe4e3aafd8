import Foundation
import Logging

/// A pg_dump archive into an empty PostgreSQL database.
///
/// The archive's table of contents must show a Genta backup, the database must have no tables,
/// a read through every block must succeed (it finds a file cut short, which `--list` does
/// not), and the archive's migrations must all be known to this build; only then does
/// `pg_restore --single-transaction --exit-on-error` run: the first error rolls everything
/// back. Ownership and grants are not restored (`--no-owner --no-privileges`): the objects
/// belong to the user of `DATABASE_URL`, and a role the old server had cannot make the restore
/// fail.
struct PostgresRestore: Sendable {
    let location: PostgresLocation
    let environment: [String: String]
    let timeout: Duration
    let logger: Logger

    func restore(from file: URL) async throws -> RestoreReport {
        let tools = try await PostgresClientTools.locate(environment: environment)
        let archive = PostgresArchive(file: file, tools: tools, environment: environment, timeout: timeout)
        guard try await archive.contents().holdsMigrationLedger else {
            throw BackupError("\(file.path) holds no schema_migrations table: it is not a backup of a Genta database. Nothing was changed")
        }
        let database = try await PostgresBackend.open(location, logger: logger)
        return try await database.whileRunning { database in
            // Cheapest first: a database that is not empty is refused before the long read.
            try await requireEmpty(database)
            try await archive.readThrough()
            let versions = try await archive.migrationVersions()
            try BackupMigrationLevel.check(versions, in: file)
            try await load(file, tools: tools)
            // Committed: an interruption from here on must not make it look undone, so the
            // report is made in a task of its own, which the interruption does not cancel.
            return try await Task { try await RestoreReport.of(database) }.value
        }
    }

    /// Fails, naming a few, when any schema of the database holds a table.
    private func requireEmpty(_ database: any Database) async throws {
        let tables = try await database.withConnection { db in
            try await db.raw("""
                SELECT schemaname || '.' || tablename AS name FROM pg_catalog.pg_tables
                WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1
                """).all().map { try $0.decode(column: "name", as: String.self) }
        }
        guard tables.isEmpty else {
            throw BackupError("""
                \(location) is not empty (\(tables.count) table(s): \(tables.prefix(3).joined(separator: ", "))\
                \(tables.count > 3 ? ", …" : "")): restore only into a new, empty database (createdb, then point \
                DATABASE_URL at it). Nothing was changed
                """)
        }
    }

    private func load(_ file: URL, tools: PostgresClientTools) async throws {
        let connection = PostgresToolConnection(location: location)
        logger.info("pg_restore \(tools.version) into \(connection.connectionString)")
        let outcome = try await Subprocess(
            executable: tools.pgRestore,
            arguments: [
                "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--no-password",
                "--dbname=\(connection.connectionString)", file.path,
            ],
            environment: connection.environment(from: environment), timeout: timeout
        ).run()
        guard outcome.succeeded else {
            throw BackupError("""
                pg_restore failed (exit status \(outcome.status)) and its transaction was rolled back, so \(location) \
                is as it was: \(outcome.standardError.summary)
                """)
        }
    }
}
