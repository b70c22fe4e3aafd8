/// A candidate's answer to one item of a fixed form, as the tryout records it.
public enum FormResponse: String, Sendable, Hashable, Codable, CaseIterable {
    /// Answered correctly.
    case correct
    /// Answered wrongly.
    case wrong
    /// Not answered.
    case blank

    /// Whether the answer counts as correct. A blank counts as wrong: the tryout has no negative
    /// marking, so leaving an item blank is a choice not to guess, and under the 3PL a blank
    /// carries the same evidence as a wrong answer (the candidate did not know it). Treating blanks
    /// as missing instead would reward leaving hard items alone.
    public var isCorrect: Bool { self == .correct }
}
