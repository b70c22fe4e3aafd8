/// How long database work may wait, so one caller's burst or a database outage turns into a
/// quick 503 for the callers concerned instead of a queue that holds everyone.
public struct DatabaseLimits: Sendable, Equatable {
    /// Longest wait for a connection: PostgreSQL's pool, or SQLite's single connection.
    public var connectionWait: Duration
    /// Longest a piece of work may hold a connection (all statements of one transaction);
    /// past it the connection is closed, which fails the work and returns nothing half-done.
    public var operationTimeout: Duration
    /// PostgreSQL's `lock_timeout`: longest wait for a row lock (one student's answers queue on it).
    public var lockTimeout: Duration
    /// PostgreSQL's `statement_timeout`, the server's own bound on one statement.
    public var statementTimeout: Duration
    /// Connections in PostgreSQL's pool.
    public var maximumConnections: Int

    public init(
        connectionWait: Duration = .seconds(3), operationTimeout: Duration = .seconds(20),
        lockTimeout: Duration = .seconds(5), statementTimeout: Duration = .seconds(15), maximumConnections: Int = 20
    ) {
        self.connectionWait = connectionWait
        self.operationTimeout = operationTimeout
        self.lockTimeout = lockTimeout
        self.statementTimeout = statementTimeout
        self.maximumConnections = maximumConnections
    }
}
