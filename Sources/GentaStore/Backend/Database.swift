import SQLKit

/// The SQL dialects Genta speaks; queries that differ between them switch on this.
public enum Dialect: String, Sendable {
    case postgres, sqlite
}

/// A database Genta can run on: PostgreSQL in production, SQLite for the embedded default.
///
/// Queries receive an `SQLDatabase` bound to a single connection, so everything done inside
/// one `transaction` call commits together or not at all.
public protocol Database: Sendable {
    var dialect: Dialect { get }
    /// Where the data lives, safe to print.
    var location: DatabaseLocation { get }

    /// Runs `body` on one connection outside any transaction.
    func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` in one transaction on one connection: committed when it returns, rolled back
    /// when it throws.
    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` on one connection for maintenance work (migrations) that may run longer than
    /// any request may: no operation or statement timeout applies.
    func withMaintenanceConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Keeps the connections alive until cancelled (a service's `run`); returns at once when the
    /// backend needs no background work.
    func run() async throws

    /// Closes every connection.
    func close() async

    /// Returns once `run()` has begun (immediately for backends without background work).
    func started() async
}

extension Database {
    /// Backends without time limits on work run maintenance like anything else.
    public func withMaintenanceConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withConnection(body)
    }

    /// Runs `body` while the backend's background work is running, then closes it: the shape
    /// command-line tools and tests need.
    public func whileRunning<T: Sendable>(_ body: @Sendable (Self) async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.run() }
            defer { group.cancelAll() }
            await started()
            let result: Result<T, any Error>
            do {
                result = .success(try await body(self))
            } catch {
                result = .failure(error)
            }
            await close()
            return try result.get()
        }
    }
}

extension SQLDatabase {
    /// Runs `body` between BEGIN and COMMIT on this connection, rolling back when it throws.
    func runTransaction<T: Sendable>(begin: String, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await raw(SQLQueryString(begin)).run()
        do {
            let result = try await body(self)
            try await raw("COMMIT").run()
            return result
        } catch {
            // The original error matters more than a failed rollback of a broken connection.
            do { try await raw("ROLLBACK").run() } catch {
                logger.warning("rollback failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            throw error
        }
    }
}
