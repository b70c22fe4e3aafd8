import PostgresNIO
import SQLiteNIO

/// Whether `error` is a unique constraint refusing a row, on either database: the loser of a
/// race two writers ran at once, which callers turn into their "already taken" outcome instead
/// of a server error.
func isUniqueViolation(_ error: any Error) -> Bool {
    if let error = error as? PSQLError {
        return error.code == .server && error.serverInfo?[.sqlState] == "23505"
    }
    if let error = error as? SQLiteError {
        return [.constraintUniqueFailed, .constraintPrimaryKeyFailed].contains(error.reason)
            || (error.reason == .constraint && error.message.contains("UNIQUE"))
    }
    return false
}
