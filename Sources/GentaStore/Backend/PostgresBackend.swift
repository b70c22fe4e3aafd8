import Logging
import NIOSSL
import PostgresKit
import PostgresNIO
import SQLKit

/// The production database: a pool of PostgreSQL connections (postgres-nio's `PostgresClient`).
///
/// The pool must be running (`run()`, as a service) for queries to be served.
public final class PostgresBackend: Database {
    public let dialect = Dialect.postgres
    public let location: DatabaseLocation
    private let client: PostgresClient
    private let limits: DatabaseLimits
    private let logger: Logger
    /// Finished when `run()` begins: leasing before that only logs a warning and waits.
    private let running = AsyncStream<Void>.makeStream()

    private init(location: PostgresLocation, client: PostgresClient, limits: DatabaseLimits, logger: Logger) {
        self.location = .postgres(location)
        self.client = client
        self.limits = limits
        self.logger = logger
    }

    /// Builds the pool after checking, with one direct connection, that the server answers:
    /// a wrong address or password is reported now, in one line, rather than as stalled requests.
    public static func open(
        _ location: PostgresLocation, limits: DatabaseLimits = DatabaseLimits(), logger: Logger
    ) async throws(DatabaseOpenError) -> PostgresBackend {
        let configuration: PostgresClient.Configuration
        do {
            configuration = try makeConfiguration(location, limits: limits)
        } catch {
            throw DatabaseOpenError("cannot configure TLS for PostgreSQL: \(error)")
        }
        try await probe(location, configuration: configuration, logger: logger)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        return PostgresBackend(location: location, client: client, limits: limits, logger: logger)
    }

    public func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await leased { connection in try await body(sql(connection)) }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await leased { connection in try await sql(connection).runTransaction(begin: "BEGIN", body) }
    }

    public func withMaintenanceConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        var unbounded = limits
        unbounded.operationTimeout = .seconds(7 * 86_400)
        return try await leased(within: unbounded) { connection in
            let db = sql(connection)
            // Waiting for another instance's migration lock is expected here, however long.
            try await db.raw("SET statement_timeout = 0").run()
            try await db.raw("SET lock_timeout = 0").run()
            do {
                let result = try await body(db)
                try await Self.resetTimeouts(db)
                return result
            } catch {
                // The connection goes back to the pool: it must carry the usual timeouts again.
                do { try await Self.resetTimeouts(db) } catch {
                    logger.warning("could not reset the timeouts", metadata: ["error": "\(String(reflecting: error))"])
                }
                throw error
            }
        }
    }

    private static func resetTimeouts(_ db: any SQLDatabase) async throws {
        try await db.raw("RESET statement_timeout").run()
        try await db.raw("RESET lock_timeout").run()
    }

    /// Work on a pooled connection within the limits; the driver's "not now" errors become
    /// `DatabaseUnavailable`.
    private func leased<T: Sendable>(
        within limits: DatabaseLimits? = nil, _ work: @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        do {
            return try await PostgresLease.run(client, limits: limits ?? self.limits, work)
        } catch let error as PSQLError {
            throw DatabaseUnavailable.from(error) ?? error
        }
    }

    private func sql(_ connection: PostgresConnection) -> any SQLDatabase {
        PreparedStatementDatabase(connection: connection, plain: connection.sql(queryLogLevel: .trace, logger: logger))
    }

    public func run() async throws {
        running.continuation.finish()
        await client.run()
    }

    public func started() async {
        for await _ in running.stream {}
    }

    /// The pool closes when `run()` is cancelled; nothing else to do.
    public func close() async {}

    static func makeConfiguration(
        _ location: PostgresLocation, limits: DatabaseLimits
    ) throws -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch location.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(.makeClientConfiguration())
        case .require: tls = .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.username,
            password: location.password, database: location.database, tls: tls)
        configuration.options.maximumConnections = limits.maximumConnections
        configuration.options.connectTimeout = .seconds(5)
        // The server's own bounds, in case a client-side one is ever missed: no statement, lock
        // wait or forgotten open transaction can hold a backend for long.
        configuration.options.additionalStartupParameters = [
            ("statement_timeout", "\(limits.statementTimeout.milliseconds)"),
            ("lock_timeout", "\(limits.lockTimeout.milliseconds)"),
            ("idle_in_transaction_session_timeout", "\(limits.operationTimeout.milliseconds)"),
        ]
        return configuration
    }

    private static func probe(
        _ location: PostgresLocation, configuration: PostgresClient.Configuration, logger: Logger
    ) async throws(DatabaseOpenError) {
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch location.tls {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw DatabaseOpenError("cannot configure TLS for PostgreSQL: \(error)")
        }
        var connectionConfiguration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.username,
            password: location.password, database: location.database, tls: tls)
        connectionConfiguration.options.connectTimeout = .seconds(5)
        do {
            let connection = try await PostgresConnection.connect(
                configuration: connectionConfiguration, id: 0, logger: logger)
            let result: Result<Void, any Error>
            do {
                _ = try await connection.query("SELECT 1", logger: logger)
                result = .success(())
            } catch {
                result = .failure(error)
            }
            try await connection.close()
            try result.get()
        } catch let error as PSQLError {
            throw DatabaseOpenError("cannot reach PostgreSQL at \(location): \(Self.describe(error))")
        } catch {
            throw DatabaseOpenError("cannot reach PostgreSQL at \(location): \(error)")
        }
    }

    /// PSQLError hides its details from `description` on purpose; operators need them here.
    private static func describe(_ error: PSQLError) -> String {
        if let message = error.serverInfo?[.message] { return message }
        if let underlying = error.underlying { return "\(underlying)" }
        return "\(error.code)"
    }
}
