import Foundation
import GentaCore
import Hummingbird
import NIOCore

extension Request {
    /// Largest JSON body the API accepts.
    static let maximumBodyBytes = 64 * 1024

    /// Longest wait for a body to arrive in full: a client trickling it byte by byte holds a
    /// connection, never a handler, for longer than this.
    static let bodyReadTimeout = Duration.seconds(10)

    /// The whole body, refused with 413 beyond `limit` bytes and with 408 when it does not
    /// arrive within `bodyReadTimeout`.
    func collectBody(upTo limit: Int) async throws -> ByteBuffer {
        let body = self.body
        do {
            return try await withTimeout(Self.bodyReadTimeout) { try await body.collect(upTo: limit) }
        } catch is TimeoutError {
            throw AppError(.requestTimeout, code: "body_timeout",
                message: "The request body did not arrive within \(Self.bodyReadTimeout.components.seconds) seconds.")
        } catch is NIOTooManyBytesError {
            throw AppError(.payloadTooLarge, code: "body_too_large", message: "The request body is larger than \(limit / 1024) KiB.")
        } catch {
            // The connection broke off mid-body: nobody is left to read the answer.
            throw AppError(.badRequest, code: "body_unreadable", message: "The request body could not be read in full.")
        }
    }

    /// Decodes a JSON body, turning every way it can be wrong into a 400 that names the problem.
    func decodeJSON<T: Decodable>(as type: T.Type, context: GentaRequestContext) async throws -> T {
        let buffer = try await collectBody(upTo: Self.maximumBodyBytes)
        guard buffer.readableBytes > 0 else {
            throw AppError(.badRequest, code: "body_required", message: "This request needs a JSON body.")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw Self.describe(error)
        }
    }

    static func describe(_ error: DecodingError) -> AppError {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return AppError(.badRequest, code: "missing_field", message: "The field \(field) is required.", details: ["field": field])
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let field = path(context.codingPath)
            return AppError(.badRequest, code: "invalid_field", message: "The field \(field) must be \(describe(type)).", details: ["field": field])
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            let field = path(context.codingPath)
            return AppError(.badRequest, code: "invalid_field", message: "The field \(field) is invalid: \(context.debugDescription)", details: ["field": field])
        default:
            return AppError(.badRequest, code: "invalid_json", message: "The body is not valid JSON.")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "of another type"
        }
    }
}

/// Reading and validating query parameters and path parts.
enum Input {
    static func uuid(_ text: String?, field: String) throws -> UUID {
        guard let text, let id = UUID(uuidString: text) else {
            throw AppError(.badRequest, code: "invalid_id", message: "\(field) must be a UUID (got \"\(text ?? "")\").", details: ["field": field])
        }
        return id
    }

    static func section(_ text: String?, field: String = "section") throws -> Section? {
        guard let text, !text.isEmpty else { return nil }
        guard let section = Section(rawValue: text.uppercased()) else {
            throw AppError(.badRequest, code: "invalid_section", message: "\(field) must be one of \(Section.codeList) (got \"\(text.prefix(20))\").", details: ["field": field])
        }
        return section
    }

    /// A sub type filter: letters, digits, `_` and `-`, at most 50 (the bank's names are
    /// snake case); empty is no filter.
    static func subType(_ text: String?, field: String = "sub_type") throws -> String? {
        guard let text, !text.isEmpty else { return nil }
        guard text.unicodeScalars.count <= 50,
            text.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-") })
        else {
            throw AppError(.badRequest, code: "invalid_sub_type",
                message: "\(field) must be a sub type name such as pola_bilangan: up to 50 letters, digits, _ or -.",
                details: ["field": field])
        }
        return text
    }

    /// A free-text field of a body: trimmed, at most `maximum` code points, no control
    /// characters; nil when absent (or empty, with `emptyIsAbsent`); else 422 `invalid_field`.
    static func text(_ value: String?, field: String, maximum: Int, emptyIsAbsent: Bool = false) throws -> String? {
        guard let value else { return nil }
        switch DatabaseText.checked(value, maximum: maximum) {
        case .success(let text): return text
        case .failure(.empty) where emptyIsAbsent: return nil
        case .failure:
            throw AppError(.unprocessable, code: "invalid_field",
                message: "\(field) must be \(emptyIsAbsent ? "at most" : "1 to") \(maximum) characters without control characters.",
                details: ["field": field])
        }
    }

    static func integer(_ text: String?, field: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text, !text.isEmpty else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw AppError(.badRequest, code: "invalid_parameter",
                message: "\(field) must be a whole number from \(range.lowerBound) to \(range.upperBound) (got \"\(text)\").",
                details: ["field": field])
        }
        return value
    }

    static func bool(_ text: String?, field: String) throws -> Bool? {
        switch text?.lowercased() {
        case nil, "": return nil
        case "true", "1": return true
        case "false", "0": return false
        default:
            throw AppError(.badRequest, code: "invalid_parameter", message: "\(field) must be true or false.", details: ["field": field])
        }
    }

    /// Control characters (NUL, line breaks, escapes) have no place in the API's short texts, and
    /// PostgreSQL refuses NUL outright: a 400 naming the field, before anything is written.
    static func controlCharacter(field: String) -> AppError {
        AppError(.badRequest, code: "control_character",
            message: "\(field) must not contain control characters (such as NUL or line breaks).", details: ["field": field])
    }

    /// The `next_cursor` of an earlier page; absent or empty for the first page.
    static func cursor(_ text: String?) throws -> PageCursor? {
        guard let text, !text.isEmpty else { return nil }
        guard let cursor = PageCursor(token: text) else {
            throw AppError(.badRequest, code: "invalid_cursor", message: "cursor must be a next_cursor value from an earlier page.",
                details: ["field": "cursor"])
        }
        return cursor
    }

    /// A session id as Genta issues them (lower-case UUID text); anything else cannot exist.
    static func sessionID(_ text: String?, field: String = "session_id") throws -> String {
        guard let text, !text.isEmpty else {
            throw AppError(.badRequest, code: "missing_field", message: "\(field) is required.", details: ["field": field])
        }
        guard text.count <= 100, UUID(uuidString: text) != nil else {
            throw AppError(.badRequest, code: "invalid_id", message: "\(field) must be a session id from POST /api/v1/sessions.", details: ["field": field])
        }
        return text.lowercased()
    }
}
