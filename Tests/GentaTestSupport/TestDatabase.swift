import Foundation
import GentaStore
import Logging
import PostgresNIO

/// The databases every store test runs on, from the same test body.
public enum TestDatabaseKind: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite, postgres
    public var description: String { rawValue }
}

/// Fresh databases for tests: a temporary SQLite file, or a new PostgreSQL database created on
/// the server named by `GENTA_TEST_DATABASE_URL` (set by scripts/test) and dropped afterwards.
public enum TestDatabase {
    public static let logger: Logger = {
        var logger = Logger(label: "genta.test")
        logger.logLevel = .warning
        return logger
    }()

    /// A fixed instant for tests that need "now" (Monday 30 November 2026, 09:00 WIB).
    public static let referenceNow = Date(timeIntervalSince1970: 1_796_004_000)

    /// Runs `body` with a new, empty (or migrated) database of `kind`, then removes it.
    public static func with<T: Sendable>(
        _ kind: TestDatabaseKind, migrated: Bool = true, limits: DatabaseLimits = DatabaseLimits(maximumConnections: 30),
        _ body: @Sendable (any Database) async throws -> T
    ) async throws -> T {
        switch kind {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("genta-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { removeQuietly(folder) }
            let database = try await SQLiteBackend.open(
                path: folder.appendingPathComponent("test.sqlite").path, limits: limits, logger: logger)
            return try await run(database, migrated: migrated, body)
        case .postgres:
            let server = try postgresServer()
            let name = "genta_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
            try await admin(server, "CREATE DATABASE \(name)")
            var location = server
            location.database = name
            do {
                let database = try await PostgresBackend.open(location, limits: limits, logger: logger)
                let result = try await run(database, migrated: migrated, body)
                try await admin(server, "DROP DATABASE \(name) WITH (FORCE)")
                return result
            } catch {
                try await admin(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
                throw error
            }
        }
    }

    private static func run<D: Database, T: Sendable>(
        _ database: D, migrated: Bool, _ body: @Sendable (any Database) async throws -> T
    ) async throws -> T {
        try await database.whileRunning { database in
            if migrated {
                try await Migrator(database: database, now: { referenceNow }).migrate()
            }
            return try await body(database)
        }
    }

    /// The PostgreSQL server for tests; refuses anything but this machine, so a test can never
    /// create or drop databases elsewhere.
    public static func postgresServer() throws -> PostgresLocation {
        guard let url = ProcessInfo.processInfo.environment["GENTA_TEST_DATABASE_URL"], !url.isEmpty else {
            throw TestSetupError(
                "GENTA_TEST_DATABASE_URL is not set: run the suite with scripts/test, which starts a PostgreSQL")
        }
        guard case .postgres(let location) = try DatabaseLocation(url: url) else {
            throw TestSetupError("GENTA_TEST_DATABASE_URL must be a postgres:// URL")
        }
        guard ["127.0.0.1", "localhost", "::1", "[::1]"].contains(location.host) else {
            throw TestSetupError("GENTA_TEST_DATABASE_URL must point at this machine, not \(location.host)")
        }
        return location
    }

    static func admin(_ server: PostgresLocation, _ statement: String) async throws {
        let configuration = PostgresConnection.Configuration(
            host: server.host, port: server.port, username: server.username,
            password: server.password, database: server.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        } catch {
            try await connection.close()
            throw error
        }
        try await connection.close()
    }

    static func removeQuietly(_ folder: URL) {
        do { try FileManager.default.removeItem(at: folder) } catch {
            logger.warning("could not remove \(folder.path): \(error)")
        }
    }
}

public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
