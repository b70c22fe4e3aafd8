import Foundation

/// One answered question in a student's history (the mistake book filters it).
public struct HistoryEntry: Sendable, Equatable {
    public var attemptID: UUID
    public var questionID: UUID
    public var section: Section
    public var subType: String?
    public var questionText: String
    /// The question's content with its key: it was answered, so the key may be shown.
    public var content: QuestionContent
    public var passage: Passage?
    public var response: StudentResponse
    public var isCorrect: Bool
    public var explanation: String?
    public var timeSpentSeconds: Int
    public var createdAt: Date

    public init(
        attemptID: UUID, questionID: UUID, section: Section, subType: String?, questionText: String,
        content: QuestionContent, passage: Passage?, response: StudentResponse,
        isCorrect: Bool, explanation: String?, timeSpentSeconds: Int, createdAt: Date
    ) {
        self.attemptID = attemptID
        self.questionID = questionID
        self.section = section
        self.subType = subType
        self.questionText = questionText
        self.content = content
        self.passage = passage
        self.response = response
        self.isCorrect = isCorrect
        self.explanation = explanation
        self.timeSpentSeconds = timeSpentSeconds
        self.createdAt = createdAt
    }
}
