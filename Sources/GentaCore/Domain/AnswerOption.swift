/// One of the five options of a multiple-choice question.
public enum AnswerOption: String, CaseIterable, Codable, Sendable, Hashable, Comparable {
    case a = "A", b = "B", c = "C", d = "D", e = "E"

    public static func < (lhs: AnswerOption, rhs: AnswerOption) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
