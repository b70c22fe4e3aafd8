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
        /// Where each question came from (file and row; for an import file, its line), in order.
        public var origins: [(file: String, row: Int)] = []
    }

    /// The questions of a bank without passages.
    public static func parse(_ files: [File]) throws(BankValidationError) -> [QuestionDraft] {
        try parseBank(questions: files, passages: nil).questions
    }

    public static func parseBank(questions files: [File], passages passageFile: File?) throws(BankValidationError) -> Bank {
        var problems: [BankRowProblem] = []
        let passageRows = passageFile.map { file in rows(of: file, problems: &problems).map { (file.name, $0.0, $0.1) } } ?? []
        let questionRows = files.flatMap { file in rows(of: file, problems: &problems).map { (file.name, $0.0, $0.1) } }
        return try validate(passages: passageRows, questions: questionRows, problems: problems)
    }

    /// An import file (CSV or JSON Lines, docs/CONTENT.md) as one bank; a problem's `row` is
    /// the line of the file it is on.
    public static func parseFile(_ data: Data, format: QuestionFileFormat, fileName: String) throws(BankValidationError) -> Bank {
        let (rows, fileProblems) = QuestionFileReader.read(data, format: format, fileName: fileName)
        do {
            return try validate(
                passages: rows.passages.map { (fileName, $0.line, $0.value) },
                questions: rows.questions.map { (fileName, $0.line, $0.value) }, problems: fileProblems)
        } catch {
            // A cell the reader already reported (not a number, not JSON) reaches the validator
            // as missing: say it once.
            let reported = Set(fileProblems.map { "\($0.row ?? 0)|\($0.field ?? "")" })
            let own = error.problems.filter { problem in
                fileProblems.contains(problem) || !reported.contains("\(problem.row ?? 0)|\(problem.field ?? "")")
            }
            throw BankValidationError(problems: own)
        }
    }

    /// One question as the content team's API receives it: the fields of a JSON Lines row.
    public static func question(_ value: JSONValue) throws(BankValidationError) -> QuestionDraft {
        var validator = QuestionRowValidator(file: nil, row: nil)
        guard let draft = validator.validate(value), validator.problems.isEmpty else {
            throw BankValidationError(problems: validator.problems)
        }
        return draft
    }

    /// One passage (a JSON Lines passage line without `kind`), with every problem by field.
    public static func passage(_ value: JSONValue) throws(BankValidationError) -> PassageDraft {
        var validator = QuestionRowValidator(file: nil, row: nil)
        guard let draft = validator.validatePassage(value), validator.problems.isEmpty else {
            throw BankValidationError(problems: validator.problems, subject: .passage)
        }
        return draft
    }

    /// Validates rows as one bank: every row, the passages they name, and what must be unique.
    static func validate(
        passages passageRows: [(file: String, row: Int, value: JSONValue)],
        questions questionRows: [(file: String, row: Int, value: JSONValue)], problems initial: [BankRowProblem]
    ) throws(BankValidationError) -> Bank {
        var problems = initial
        var passages: [String: PassageDraft] = [:]
        var passageOrder: [PassageDraft] = []
        for (file, row, value) in passageRows {
            var validator = QuestionRowValidator(file: file, row: row)
            let passage = validator.validatePassage(value)
            problems += validator.problems
            guard let passage else { continue }
            if passages[passage.key] != nil {
                problems.append(BankRowProblem(file: file, row: row, field: "key", message: "repeats passage \(passage.key)"))
                continue
            }
            passages[passage.key] = passage
            passageOrder.append(passage)
        }

        var drafts: [QuestionDraft] = []
        var origins: [(file: String, row: Int)] = []
        // Duplicate texts are a content error across the whole bank, not only within a file.
        var firstText: [String: (file: String, row: Int)] = [:]
        var firstID: [String: (file: String, row: Int)] = [:]
        for (file, row, value) in questionRows {
            var validator = QuestionRowValidator(file: file, row: row)
            let draft = validator.validate(value)
            problems += validator.problems
            guard let draft else { continue }
            func problem(_ field: String, _ message: String) {
                problems.append(BankRowProblem(file: file, row: row, field: field, message: message))
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
                firstID[id] = (file, row)
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
            firstText[textKey] = (file, row)
            drafts.append(draft)
            origins.append((file, row))
        }
        if drafts.isEmpty && problems.isEmpty {
            problems.append(BankRowProblem(file: nil, row: nil, field: nil, message: "the bank has no questions"))
        }
        guard problems.isEmpty else { throw BankValidationError(problems: problems) }
        return Bank(questions: drafts, passages: passageOrder, origins: origins)
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
