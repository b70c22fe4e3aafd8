import GentaCore

extension AuthError {
    /// The same refusal as the API's error type: `unauthorized` (401), or `unavailable` (503)
    /// when the keys could not be fetched. The HTTP status itself is chosen in the server's error
    /// middleware, like every other `AppError`.
    public var appError: AppError {
        AppError(isUnavailable ? .unavailable : .unauthorized, code: code, message: message)
    }
}
