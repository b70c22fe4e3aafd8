import Foundation

/// Reads question bank files (a JSON array of rows each) and validates them as one bank.
///
/// All-or-nothing: either every row of every file is valid and all drafts are returned, or a
/// `BankValidationError` lists every problem with its file and row so it can be fixed at once.
public enum QuestionBankParser {
    /// A named file's contents.
    public struct File: Sendable {
        public var name: String
        public var data: Data

        public init(name: String, data: Data) {
            self.name = name
            self.data = data
        }
    }

    public static func parse(_ files: [File]) throws(BankValidationError) -> [QuestionDraft] {
        var drafts: [QuestionDraft] = []
        var problems: [BankRowProblem] = []
        // Duplicate texts are a content error across the whole bank, not only within a file.
        var firstSeen: [String: (file: String, row: Int)] = [:]

        for file in files {
            let rows: [JSONValue]
            do {
                rows = try JSONDecoder().decode([JSONValue].self, from: file.data)
            } catch {
                problems.append(BankRowProblem(
                    file: file.name, row: nil, field: nil,
                    message: "is not a JSON array of questions (\(Self.describe(error)))"))
                continue
            }
            for (index, value) in rows.enumerated() {
                var validator = QuestionRowValidator(file: file.name, row: index + 1)
                let draft = validator.validate(value)
                problems += validator.problems
                guard let draft else { continue }
                let key = draft.text.lowercased()
                if let earlier = firstSeen[key] {
                    problems.append(BankRowProblem(
                        file: file.name, row: index + 1, field: "text",
                        message: "duplicates the question in \(earlier.file) row \(earlier.row)"))
                    continue
                }
                firstSeen[key] = (file.name, index + 1)
                drafts.append(draft)
            }
        }
        if drafts.isEmpty && problems.isEmpty {
            problems.append(BankRowProblem(file: nil, row: nil, field: nil, message: "the bank has no questions"))
        }
        guard problems.isEmpty else { throw BankValidationError(problems: problems) }
        return drafts
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription
        case DecodingError.typeMismatch(_, let context):
            context.debugDescription
        default:
            "\(error)"
        }
    }
}
