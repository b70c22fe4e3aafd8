/// A student's answer in one of the three formats.
public enum StudentResponse: Sendable, Hashable {
    case choice(AnswerOption)
    /// One label per statement, in the statements' order.
    case statements([String])
    case text(String)

    public var format: QuestionFormat {
        switch self {
        case .choice: .multipleChoice
        case .statements: .complexMultipleChoice
        case .text: .shortAnswer
        }
    }

    /// Longest label a complex row can be answered with (labels are words such as "Benar").
    public static let maximumLabelLength = 50
    /// Most rows a complex question may have.
    public static let maximumStatements = 10

    /// The letter kept in `attempts.selected_answer`; nil for the other formats.
    public var selectedLetter: String? {
        if case .choice(let letter) = self { letter.rawValue } else { nil }
    }

    /// How a response is kept in `attempts.response` (multiple choice uses `selected_answer`):
    /// the labels joined by a line feed, which no label may contain, or the text as typed.
    public var stored: String? {
        switch self {
        case .choice: nil
        case .statements(let labels): labels.joined(separator: "\n")
        case .text(let text): text
        }
    }

    /// Rebuilds a stored response of `format`; nil when the columns do not hold one.
    public static func restore(format: QuestionFormat, selectedAnswer: String?, response: String?) -> StudentResponse? {
        switch format {
        case .multipleChoice:
            return selectedAnswer.flatMap(AnswerOption.init(rawValue:)).map(StudentResponse.choice)
        case .complexMultipleChoice:
            return response.map { .statements($0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)) }
        case .shortAnswer:
            return response.map(StudentResponse.text)
        }
    }
}
