import Foundation

/// JSON in and out of the providers' wire types.
enum JSONBody {
    /// The request's bytes. The wire types hold only strings, integers and finite numbers, so
    /// encoding cannot fail in practice; if it ever did, an empty body gets a 400 from the
    /// provider (a fatal error the chain falls through) rather than crashing the server.
    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? encoder.encode(value)).map(Array.init) ?? []  // ok: nil means "not this shape"; callers decide
    }

    /// The decoded body, or nil when it is not the expected JSON.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) -> T? {
        try? JSONDecoder().decode(type, from: Data(bytes))  // ok: nil means "not this shape"; callers decide
    }

    /// `base` and `path` joined with exactly one slash, so that base URLs work with or without
    /// a trailing slash.
    static func url(_ base: String, _ path: String) -> String {
        var base = Substring(base)
        while base.hasSuffix("/") { base = base.dropLast() }
        return String(base) + path
    }
}

/// A JSON value read as text whatever its type: error `code`s are strings at OpenAI, sometimes
/// numbers elsewhere, and null when absent.
struct LenientText: Decodable, Sendable, Equatable {
    let value: String?

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {  // ok: nil means "not this shape"; callers decide
            value = text
        } else if let number = try? container.decode(Int.self) {  // ok: nil means "not this shape"; callers decide
            value = String(number)
        } else {
            value = nil
        }
    }
}
