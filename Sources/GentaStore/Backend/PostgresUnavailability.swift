import PostgresNIO

extension DatabaseUnavailable {
    /// The unavailability a PostgreSQL error stands for, or nil when it is something else (a bug
    /// in a query, a constraint): those stay as they are and end as a logged 500.
    static func from(_ error: PSQLError) -> DatabaseUnavailable? {
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
            return DatabaseUnavailable(.unreachable, detail: "\(error.code)")
        case .server:
            guard let state = error.serverInfo?[.sqlState] else { return nil }
            guard let reason = reason(sqlState: state) else { return nil }
            return DatabaseUnavailable(reason, detail: "SQLSTATE \(state): \(error.serverInfo?[.message] ?? "")")
        default:
            return nil
        }
    }

    /// SQLSTATEs that mean "not now" rather than "wrong": connection trouble (class 08), the
    /// server shutting down or starting (57P01–57P03), too many connections (53300), a lock or
    /// serialization conflict (55P03, 40001, 40P01), a timeout (57014, 25P03).
    static func reason(sqlState: String) -> Reason? {
        if sqlState.hasPrefix("08") { return .unreachable }
        switch sqlState {
        case "57P01", "57P02", "57P03", "53300": return .unreachable
        case "55P03", "40001", "40P01": return .busy
        case "57014", "25P03": return .timedOut
        default: return nil
        }
    }
}
