import Foundation

/// Reads question bank files (a JSON array of rows each, plus an optional array of passages) and
/// validates them as one bank.
///
/// All-or-nothing: either every row of every file is valid and the whole bank is returned, or a
/// `BankValidationError` lists every problem with its file and row so it can be fixed at once.
/// Across the bank: no two questions with the same text or `external_id`, no two passages with
/// the same key, and every `passage_key` names a passage of the question's own subtest.
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

    /// A validated bank.
    public struct Bank: Sendable {
        public var questions: [QuestionDraft]
        public var passages: [PassageDraft]
    }

    /// The questions of a bank without passages.
    public static func parse(_ files: [File]) throws(BankValidationError) -> [QuestionDraft] {
        try parseBank(questions: files, passages: nil).questions
    }

    public static func parseBank(questions files: [File], passages passageFile: File?) throws(BankValidationError) -> Bank {
        var problems: [BankRowProblem] = []
        var passages: [String: PassageDraft] = [:]
        var passageOrder: [PassageDraft] = []
        if let passageFile {
            for (row, value) in rows(of: passageFile, problems: &problems) {
                var validator = QuestionRowValidator(file: passageFile.name, row: row)
                let passage = validator.validatePassage(value)
                problems += validator.problems
                guard let passage else { continue }
                if passages[passage.key] != nil {
                    problems.append(BankRowProblem(file: passageFile.name, row: row, field: "key", message: "repeats passage \(passage.key)"))
                    continue
                }
                passages[passage.key] = passage
                passageOrder.append(passage)
            }
        }

        var drafts: [QuestionDraft] = []
        // Duplicate texts are a content error across the whole bank, not only within a file.
        var firstText: [String: (file: String, row: Int)] = [:]
        var firstID: [String: (file: String, row: Int)] = [:]
        for file in files {
            for (row, value) in rows(of: file, problems: &problems) {
                var validator = QuestionRowValidator(file: file.name, row: row)
                let draft = validator.validate(value)
                problems += validator.problems
                guard let draft else { continue }
                func problem(_ field: String, _ message: String) {
                    problems.append(BankRowProblem(file: file.name, row: row, field: field, message: message))
                }
                // Passage questions share their stimulus, so only their own text must differ.
                let textKey = (draft.passageKey ?? "") + "\u{1}" + draft.text.lowercased()
                if let earlier = firstText[textKey] {
                    problem("text", "duplicates the question in \(earlier.file) row \(earlier.row)")
                    continue
                }
                if let id = draft.externalID {
                    if let earlier = firstID[id] {
                        problem("external_id", "repeats the id of \(earlier.file) row \(earlier.row)")
                        continue
                    }
                    firstID[id] = (file.name, row)
                }
                if let key = draft.passageKey {
                    guard let passage = passages[key] else {
                        problem("passage_key", "names no passage of this bank (\"\(key)\")")
                        continue
                    }
                    guard passage.section == draft.section else {
                        problem("passage_key", "names a \(passage.section.rawValue) passage for a \(draft.section.rawValue) question")
                        continue
                    }
                }
                firstText[textKey] = (file.name, row)
                drafts.append(draft)
            }
        }
        if drafts.isEmpty && problems.isEmpty {
            problems.append(BankRowProblem(file: nil, row: nil, field: nil, message: "the bank has no questions"))
        }
        guard problems.isEmpty else { throw BankValidationError(problems: problems) }
        return Bank(questions: drafts, passages: passageOrder)
    }

    /// The rows of a file with their 1-based numbers; a file that is not a JSON array is a problem.
    private static func rows(of file: File, problems: inout [BankRowProblem]) -> [(Int, JSONValue)] {
        do {
            let rows = try JSONDecoder().decode([JSONValue].self, from: file.data)
            return rows.enumerated().map { ($0.offset + 1, $0.element) }
        } catch {
            problems.append(BankRowProblem(
                file: file.name, row: nil, field: nil,
                message: "is not a JSON array (\(Self.describe(error)))"))
            return []
        }
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
