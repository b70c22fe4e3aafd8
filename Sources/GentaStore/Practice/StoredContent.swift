import Foundation
import GentaCore
import SQLKit

/// A question's content as its columns hold it: the five options and the key letter for
/// multiple choice, `format_spec` (JSON) for the other formats.
struct StoredContent {
    var options: [AnswerOption: String]?
    var correctAnswer: AnswerOption?
    var formatSpec: String?

    /// The JSON of `format_spec`.
    struct Spec: Codable {
        var labels: [String]?
        var statements: [QuestionContent.Statement]?
        var accepted_answers: [String]?
    }

    init(_ content: QuestionContent) {
        switch content {
        case .multipleChoice(let options, let key):
            self.options = options
            correctAnswer = key
        case .complex(let labels, let statements):
            formatSpec = try? StoredJSON.encode(Spec(labels: labels, statements: statements))  // ok: encoding plain strings cannot fail
        case .shortAnswer(let accepted):
            formatSpec = try? StoredJSON.encode(Spec(accepted_answers: accepted))  // ok: encoding plain strings cannot fail
        }
    }

    /// The content of a `questions` row selected with ``columns``.
    static func decode(_ row: any SQLRow) throws -> QuestionContent {
        let rawFormat = try row.decode(column: "format", as: String.self)
        guard let format = QuestionFormat(rawValue: rawFormat) else { throw StoredContentCorrupt("unknown format \(rawFormat)") }
        switch format {
        case .multipleChoice:
            return .multipleChoice(options: try OptionColumns.decode(row), key: try AnswerOption.decode(row, "correct_answer"))
        case .complexMultipleChoice:
            let spec = try spec(row)
            guard let labels = spec.labels, let statements = spec.statements else { throw StoredContentCorrupt("complex question without statements") }
            return .complex(labels: labels, statements: statements)
        case .shortAnswer:
            guard let accepted = try spec(row).accepted_answers else { throw StoredContentCorrupt("short answer without accepted answers") }
            return .shortAnswer(accepted: accepted)
        }
    }

    /// The columns ``decode(_:)`` reads, for a `questions` table aliased `alias`.
    static func columns(_ alias: String) -> SQLQueryString {
        let names = ["format", "option_a", "option_b", "option_c", "option_d", "option_e", "correct_answer", "format_spec"]
        return SQLQueryString(names.map { "\(alias).\($0)" }.joined(separator: ", "))
    }

    /// What the student answered, from `attempts.selected_answer` and `attempts.response`
    /// (aliased `a`) for a question of `content`'s format.
    static func response(_ row: any SQLRow, for content: QuestionContent) throws -> StudentResponse {
        guard let response = StudentResponse.restore(
            format: content.format, selectedAnswer: try row.decode(column: "selected_answer", as: String?.self),
            response: try row.decode(column: "response", as: String?.self))
        else { throw StoredContentCorrupt("an attempt holds no answer of the question's format") }
        return response
    }

    private static func spec(_ row: any SQLRow) throws -> Spec {
        guard let text = try row.decode(column: "format_spec", as: String?.self) else { throw StoredContentCorrupt("format_spec is missing") }
        return try StoredJSON.decode(Spec.self, from: text)
    }
}

/// JSON kept in a TEXT column: compact, keys sorted, so equal values store equal text.
enum StoredJSON {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

/// A stored question's content columns contradict each other (only a hand edit of the database
/// can cause this; the schema's checks and the importer prevent it).
struct StoredContentCorrupt: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = "stored question content is corrupt: \(description)" }
}
