/// A backup or restore that could not be done, for a reason the operator can act on; the
/// message is one line and says what happened to the data (usually: nothing).
public struct BackupError: Error, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
