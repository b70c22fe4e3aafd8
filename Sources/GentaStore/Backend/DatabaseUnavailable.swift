/// The database cannot serve this piece of work now: unreachable or restarting, every
/// connection busy beyond `DatabaseLimits.connectionWait`, or the work ran past its time.
///
/// It is never the caller's fault and never a bug in Genta: the server answers 503 with
/// `Retry-After`. The backends translate their drivers' errors into this one type, so nothing
/// above the store needs to know PostgreSQL's or SQLite's error codes.
public struct DatabaseUnavailable: Error, Sendable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        /// Waited `connectionWait` for a connection or a lock.
        case busy
        /// The connection failed or the server is shutting down or starting.
        case unreachable
        /// The work (or one statement) ran past its time limit.
        case timedOut
    }

    public let reason: Reason
    /// For the log only; may hold driver details that callers must not see.
    public let detail: String

    public init(_ reason: Reason, detail: String) {
        self.reason = reason
        self.detail = detail
    }

    public var description: String { "database \(reason.rawValue): \(detail)" }
}
