/// An LLM setting is wrong; names the environment variable at fault, like the server's own
/// configuration errors (`ConfigurationError(variable:message:)` takes both as they are).
public struct LLMConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The environment variable at fault.
    public let variable: String
    /// What is wrong and what would be right.
    public let message: String

    public init(variable: String, message: String) {
        self.variable = variable
        self.message = message
    }

    public var description: String { "\(variable): \(message)" }
}
