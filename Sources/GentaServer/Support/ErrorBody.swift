import Foundation
import Hummingbird

/// The one error shape of the API: `{"error": {"code", "message", "details"}}`.
struct ErrorBody: Encodable {
    struct Payload: Encodable {
        let code: String
        let message: String
        let details: [String: String]?
    }
    let error: Payload

    init(code: String, message: String, details: [String: String] = [:]) {
        self.error = Payload(code: code, message: message, details: details.isEmpty ? nil : details)
    }
}

extension Response {
    /// A JSON response with a stable key order (readable logs, comparable test output).
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Milliseconds matter (answers given within one second must still be ordered). Rounded,
        // not truncated: a time read back from PostgreSQL's microseconds may sit a hair below
        // the one first written, and both must print the same.
        encoder.dateEncodingStrategy = .custom { date, encoder in
            let milliseconds = (date.timeIntervalSinceReferenceDate * 1000).rounded() / 1000
            var container = encoder.singleValueContainer()
            try container.encode(
                Date(timeIntervalSinceReferenceDate: milliseconds)
                    .formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        // Encoding our own response types cannot fail; if it somehow did, say so plainly.
        let data = (try? encoder.encode(value))  // ok: fallback body below
            ?? Data(#"{"error":{"code":"internal_error","message":"response could not be encoded"}}"#.utf8)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension UUID {
    /// Ids on the wire are lower-case, like the session ids Genta issues.
    var wire: String { uuidString.lowercased() }
}
