import Foundation

/// One reviewer's verdict on one revision of a question (`question_review_logs`).
public struct QuestionReview: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case approved
        case needsRevision = "needs_revision"
        case rejected
    }

    public var id: UUID
    public var questionID: UUID
    public var questionRevision: Int?
    public var reviewerID: UUID?
    public var reviewerName: String
    public var status: Status
    public var reviewedAspects: String?
    public var notes: String?
    public var revisionType: String?
    public var createdAt: Date

    public init(
        id: UUID, questionID: UUID, questionRevision: Int?, reviewerID: UUID?, reviewerName: String, status: Status,
        reviewedAspects: String?, notes: String?, revisionType: String?, createdAt: Date
    ) {
        self.id = id
        self.questionID = questionID
        self.questionRevision = questionRevision
        self.reviewerID = reviewerID
        self.reviewerName = reviewerName
        self.status = status
        self.reviewedAspects = reviewedAspects
        self.notes = notes
        self.revisionType = revisionType
        self.createdAt = createdAt
    }

    /// What a revision's reviews decide: reviewed once two different people approved it and
    /// nobody asked for a change or rejected it.
    public static func isReviewed(_ reviews: [QuestionReview], revision: Int) -> Bool {
        let current = reviews.filter { $0.questionRevision == revision }
        guard !current.contains(where: { $0.status != .approved }) else { return false }
        return Set(current.compactMap(\.reviewerID)).count >= 2
    }

    /// What a reviewer may write: the aspects looked at, the revision asked for.
    public static let aspects: Set<String> = ["clarity", "correctness", "authenticity", "difficulty", "language", "key", "explanation"]
    public static let revisionTypes: Set<String> = ["wording", "options", "explanation", "difficulty", "key", "passage"]
}

/// A student's report of a problem with a question they answered.
public struct QuestionReport: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case wrongKey = "wrong_key", unclear, typo, other
    }

    public var id: UUID
    public var questionID: UUID
    public var kind: Kind
    public var note: String?
    public var status: String
    public var createdAt: Date

    public init(id: UUID, questionID: UUID, kind: Kind, note: String?, status: String, createdAt: Date) {
        self.id = id
        self.questionID = questionID
        self.kind = kind
        self.note = note
        self.status = status
        self.createdAt = createdAt
    }
}
