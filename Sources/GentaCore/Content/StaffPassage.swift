import Foundation

/// A passage as the content team sees it: its import form, its bank and how many live questions
/// are about it.
public struct StaffPassage: Sendable, Equatable {
    public var id: UUID
    public var bankID: UUID
    public var draft: PassageDraft
    public var questions: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var deletedAt: Date?

    public init(id: UUID, bankID: UUID, draft: PassageDraft, questions: Int, createdAt: Date, updatedAt: Date, deletedAt: Date?) {
        self.id = id
        self.bankID = bankID
        self.draft = draft
        self.questions = questions
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
    }
}
