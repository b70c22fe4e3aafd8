/// The local-mode secret could not be used; `message` names the file and what to do.
public struct LocalAuthSecretError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable and snake_case (`local_secret_too_short`).
    public let code: String
    /// For the operator: names the file and what to do about it.
    public let message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    /// Fewer than 32 bytes; `path` is the file it came from, when it came from one.
    public static func tooShort(path: String?) -> Self {
        Self(
            code: "local_secret_too_short",
            message: "The local sign-in secret\(path.map { " in \($0)" } ?? "") is shorter than 32 bytes; "
                + "delete the file to have a new one generated.")
    }

    /// The file exists but is not base64.
    public static func notBase64(path: String) -> Self {
        Self(
            code: "local_secret_unreadable",
            message: "The local sign-in secret in \(path) is not base64; delete the file to have a new one generated.")
    }

    /// The file could not be read, created or written.
    public static func io(path: String, reason: String) -> Self {
        Self(code: "local_secret_io", message: "The local sign-in secret file \(path) could not be used: \(reason).")
    }
}
