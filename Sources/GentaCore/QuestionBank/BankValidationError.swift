/// One problem found in one row of a question bank file.
public struct BankRowProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file the row came from, when the bank spans several files.
    public var file: String?
    /// 1-based position of the question in its file; `nil` for a problem with the file itself.
    public var row: Int?
    /// The offending field, when the problem concerns one field.
    public var field: String?
    public var message: String

    public init(file: String?, row: Int?, field: String?, message: String) {
        self.file = file
        self.row = row
        self.field = field
        self.message = message
    }

    public var description: String {
        var location: [String] = []
        if let file { location.append(file) }
        if let row { location.append("row \(row)") }
        var text = location.joined(separator: " ")
        if let field { text += text.isEmpty ? field : ", \(field)" }
        return text.isEmpty ? message : "\(text): \(message)"
    }
}

/// A bank was rejected; nothing from it may be stored.
public struct BankValidationError: Error, Sendable, CustomStringConvertible {
    /// What was checked: one question, one passage (for the API's `invalid_question` /
    /// `invalid_passage`), or a file.
    public enum Subject: String, Sendable {
        case question, passage
    }

    public var problems: [BankRowProblem]
    public var subject: Subject

    public init(problems: [BankRowProblem], subject: Subject = .question) {
        self.problems = problems
        self.subject = subject
    }

    public var description: String {
        "question bank rejected (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n"
            + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
