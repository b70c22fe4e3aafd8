import Foundation

/// A question as a student sees it before answering: never the key, the explanation, the
/// strategy tip or the IRT parameters.
public struct ServedQuestion: Sendable, Equatable {
    public var questionID: UUID
    public var sessionID: String
    public var section: Section
    public var subType: String?
    public var text: String
    public var options: [AnswerOption: String]
    public var servedAt: Date
    /// Questions left today for a free user; nil for unlimited tiers.
    public var remainingToday: Int?

    public init(
        questionID: UUID, sessionID: String, section: Section, subType: String?, text: String,
        options: [AnswerOption: String], servedAt: Date, remainingToday: Int?
    ) {
        self.questionID = questionID
        self.sessionID = sessionID
        self.section = section
        self.subType = subType
        self.text = text
        self.options = options
        self.servedAt = servedAt
        self.remainingToday = remainingToday
    }
}
