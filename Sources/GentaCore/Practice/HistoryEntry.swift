import Foundation

/// One answered question in a student's history (the mistake book filters it).
public struct HistoryEntry: Sendable, Equatable {
    public var attemptID: UUID
    public var questionID: UUID
    public var section: Section
    public var subType: String?
    public var questionText: String
    public var options: [AnswerOption: String]
    public var selectedAnswer: AnswerOption
    public var correctAnswer: AnswerOption
    public var isCorrect: Bool
    public var explanation: String?
    public var timeSpentSeconds: Int
    public var createdAt: Date

    public init(
        attemptID: UUID, questionID: UUID, section: Section, subType: String?, questionText: String,
        options: [AnswerOption: String], selectedAnswer: AnswerOption, correctAnswer: AnswerOption,
        isCorrect: Bool, explanation: String?, timeSpentSeconds: Int, createdAt: Date
    ) {
        self.attemptID = attemptID
        self.questionID = questionID
        self.section = section
        self.subType = subType
        self.questionText = questionText
        self.options = options
        self.selectedAnswer = selectedAnswer
        self.correctAnswer = correctAnswer
        self.isCorrect = isCorrect
        self.explanation = explanation
        self.timeSpentSeconds = timeSpentSeconds
        self.createdAt = createdAt
    }
}

/// A position in a newest-first list: the last attempt shown. The store compares with that
/// attempt's own stored time, so the position is exact on every database (a time written into
/// the cursor could lose its last bit on the way back).
public struct HistoryCursor: Sendable, Equatable {
    public var attemptID: UUID

    public init(attemptID: UUID) {
        self.attemptID = attemptID
    }

    public var token: String { attemptID.uuidString.lowercased() }

    public init?(token: String) {
        guard let id = UUID(uuidString: token) else { return nil }
        self.init(attemptID: id)
    }
}
