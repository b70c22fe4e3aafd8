/// An error the API reports to its caller: a stable machine-readable `code`, a message a
/// person understands, and the kind that decides the HTTP status (mapped in one place, in the
/// server's error middleware).
public struct AppError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case badRequest, unauthorized, forbidden, notFound, methodNotAllowed, conflict, payloadTooLarge
        case requestTimeout, unsupportedMediaType, unprocessable
        case tooManyRequests, unavailable
        /// An outside service we depend on (Midtrans) failed or did not answer.
        case badGateway
    }

    public let kind: Kind
    public let code: String
    public let message: String
    public let details: [String: String]
    /// For refusals that end at a known time (quotas): sent as `Retry-After`.
    public let retryAfterSeconds: Int?

    public init(
        _ kind: Kind, code: String, message: String, details: [String: String] = [:], retryAfterSeconds: Int? = nil
    ) {
        self.kind = kind
        self.code = code
        self.message = message
        self.details = details
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String { "\(code): \(message)" }
}
