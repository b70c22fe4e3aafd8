/// Why a call to Midtrans did not give what was asked.
public enum MidtransError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Midtrans answered and said no (bad key, an order id already used, invalid request).
    case refused(status: Int, messages: [String])
    /// No usable answer: timeout, broken connection, a 5xx, or "still processing" (202).
    case unavailable(String)
    /// An answer that is not what the API documents.
    case malformed(String)

    public var description: String {
        switch self {
        case .refused(let status, let messages): "Midtrans refused (HTTP \(status)): \(messages.joined(separator: "; "))"
        case .unavailable(let reason): "Midtrans unavailable: \(reason)"
        case .malformed(let reason): "Midtrans answer malformed: \(reason)"
        }
    }
}
