import Foundation

/// A question as a student sees it before answering: never the key, the explanation, the
/// strategy tip or the IRT parameters.
public struct ServedQuestion: Sendable, Equatable {
    public var questionID: UUID
    public var sessionID: String
    public var section: Section
    public var subType: String?
    public var text: String
    /// Options, or labels and statements: never the key.
    public var content: ServedContent
    /// The shared reading text, when the question is about one.
    public var passage: Passage?
    public var servedAt: Date
    /// Questions left today for a free user; nil for unlimited tiers.
    public var remainingToday: Int?

    public init(
        questionID: UUID, sessionID: String, section: Section, subType: String?, text: String,
        content: ServedContent, passage: Passage?, servedAt: Date, remainingToday: Int?
    ) {
        self.questionID = questionID
        self.sessionID = sessionID
        self.section = section
        self.subType = subType
        self.text = text
        self.content = content
        self.passage = passage
        self.servedAt = servedAt
        self.remainingToday = remainingToday
    }
}
