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
