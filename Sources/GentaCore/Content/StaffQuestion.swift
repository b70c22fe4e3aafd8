import Foundation

/// A question as the content team sees it: its content with the key, where it is in the review,
/// which revision it is at, and how students have done on it.
public struct StaffQuestion: Sendable, Equatable {
    public var id: UUID
    public var bankID: UUID
    /// The content as an import file would hold it (`externalID` is the stored one, if any).
    public var draft: QuestionDraft
    public var revision: Int
    public var isReviewed: Bool
    public var isAmbiguous: Bool
    public var createdBy: UUID?
    public var attemptCount: Int
    public var correctRate: Double?
    public var averageTimeSeconds: Int?
    public var createdAt: Date
    public var updatedAt: Date
    public var deletedAt: Date?

    public init(
        id: UUID, bankID: UUID, draft: QuestionDraft, revision: Int, isReviewed: Bool, isAmbiguous: Bool, createdBy: UUID?,
        attemptCount: Int, correctRate: Double?, averageTimeSeconds: Int?, createdAt: Date, updatedAt: Date, deletedAt: Date?
    ) {
        self.id = id
        self.bankID = bankID
        self.draft = draft
        self.revision = revision
        self.isReviewed = isReviewed
        self.isAmbiguous = isAmbiguous
        self.createdBy = createdBy
        self.attemptCount = attemptCount
        self.correctRate = correctRate
        self.averageTimeSeconds = averageTimeSeconds
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
    }
}

/// One state of a question in its history.
public struct QuestionRevision: Sendable, Equatable {
    public enum Change: String, Sendable, CaseIterable {
        /// Created by a staff member or an import.
        case created
        /// The state a question had before its first recorded edit (loaded before revisions existed).
        case original
        case edited
        /// Changed by a re-import of its bank's file.
        case imported
        case deleted
        case restored
        /// New item parameters from a calibration.
        case calibrated
    }

    public var revision: Int
    /// The question as an import file's JSON line held it then (kept as written, so a snapshot
    /// stays readable whatever the rules are today).
    public var snapshot: JSONValue
    public var change: Change
    public var changedBy: UUID?
    public var note: String?
    public var createdAt: Date

    public init(revision: Int, snapshot: JSONValue, change: Change, changedBy: UUID?, note: String?, createdAt: Date) {
        self.revision = revision
        self.snapshot = snapshot
        self.change = change
        self.changedBy = changedBy
        self.note = note
        self.createdAt = createdAt
    }
}

/// A question bank as the content team sees it.
public struct StaffBank: Sendable, Equatable {
    public var id: UUID
    public var metadata: BankMetadata
    public var questionsPerSection: [Section: Int]
    public var isReviewed: Bool
    public var isCalibrated: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public var totalQuestions: Int { questionsPerSection.values.reduce(0, +) }

    public init(
        id: UUID, metadata: BankMetadata, questionsPerSection: [Section: Int], isReviewed: Bool, isCalibrated: Bool,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.metadata = metadata
        self.questionsPerSection = questionsPerSection
        self.isReviewed = isReviewed
        self.isCalibrated = isCalibrated
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
