import Logging

extension DatabaseLocation {
    /// Opens the database this location names, checking that it can be used.
    public func open(limits: DatabaseLimits = DatabaseLimits(), logger: Logger) async throws(DatabaseOpenError) -> any Database {
        switch self {
        case .sqlite(let path): try await SQLiteBackend.open(path: path, limits: limits, logger: logger)
        case .postgres(let location): try await PostgresBackend.open(location, limits: limits, logger: logger)
        }
    }
}
