import GentaCore

/// Why a webhook delivery was refused. Svix retries any non-2xx answer, so a refused genuine
/// delivery is retried later; a forged one simply keeps failing.
public struct WebhookError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable and snake_case (`webhook_signature_invalid`).
    public let code: String
    /// For whoever reads Clerk's delivery log.
    public let message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}

extension WebhookError {
    /// `svix-id`, `svix-timestamp` or `svix-signature` is absent or empty.
    public static let headersMissing = WebhookError(
        code: "webhook_headers_missing",
        message: "The webhook is missing its svix-id, svix-timestamp or svix-signature header.")

    /// The timestamp is not whole seconds, or the signature header holds no `v1,` entry.
    public static let headersMalformed = WebhookError(
        code: "webhook_headers_malformed", message: "The webhook's svix headers are not in the expected format.")

    /// More than the tolerance away from now: a replay, or a badly wrong clock on one side.
    public static let timestampOutOfRange = WebhookError(
        code: "webhook_timestamp_out_of_range", message: "The webhook's timestamp is too far from the current time.")

    /// No `v1` signature matches the body with our secret.
    public static let signatureInvalid = WebhookError(
        code: "webhook_signature_invalid", message: "The webhook's signature does not match its content.")

    /// Signed correctly, but not a Clerk event we can read.
    public static let payloadInvalid = WebhookError(
        code: "webhook_payload_invalid", message: "The webhook's body is not a Clerk event this server can read.")

    /// The configured signing secret is not `whsec_` followed by base64 (a configuration mistake).
    public static let secretInvalid = WebhookError(
        code: "webhook_secret_invalid", message: "The webhook signing secret is not a valid whsec_… secret.")

    /// The same refusal as the API's error type: `badRequest` for a body or headers we cannot
    /// read, `unauthorized` for a delivery we cannot trust.
    public var appError: AppError {
        let kind: AppError.Kind =
            switch code {
            case Self.signatureInvalid.code, Self.timestampOutOfRange.code: .unauthorized
            default: .badRequest
            }
        return AppError(kind, code: code, message: message)
    }
}
