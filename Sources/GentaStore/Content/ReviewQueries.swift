import Foundation
import GentaCore
import SQLKit

/// The two-reviewer review: each staff member's verdict on the current revision of a question,
/// the state it decides, and each question's history.
public struct ReviewQueries: Sendable {
    let database: any Database
    let now: @Sendable () -> Date

    public init(database: any Database, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.now = now
    }

    public struct Verdict: Sendable {
        public var status: QuestionReview.Status
        public var reviewedAspects: String?
        public var notes: String?
        public var revisionType: String?

        public init(status: QuestionReview.Status, reviewedAspects: String?, notes: String?, revisionType: String?) {
            self.status = status
            self.reviewedAspects = reviewedAspects
            self.notes = notes
            self.revisionType = revisionType
        }
    }

    /// Records `reviewer`'s verdict on the question's current revision and applies what the
    /// revision's reviews now decide: two approvals by two people (not the author) make it
    /// reviewed; a request for changes or a rejection takes it out of practice at once.
    public func review(_ questionID: UUID, by reviewer: UserAccount, _ verdict: Verdict) async throws -> (QuestionReview, StaffQuestion) {
        try await database.transaction { db in
            let timestamp = now()
            let question = try await QuestionEditor.load(questionID, db, forUpdate: true)
            guard question.deletedAt == nil else { throw QuestionEditor.deleted }
            if verdict.status == .approved, question.createdBy == reviewer.id {
                throw AppError(.forbidden, code: "own_question",
                    message: "You wrote this revision's question; two other reviewers must approve it.")
            }
            let earlier = try await Self.reviews(questionID, db)
            if earlier.contains(where: { $0.reviewerID == reviewer.id && $0.questionRevision == question.revision }) {
                throw AppError(.conflict, code: "already_reviewed",
                    message: "You have already reviewed revision \(question.revision) of this question.")
            }
            let review = QuestionReview(
                id: UUID(), questionID: questionID, questionRevision: question.revision, reviewerID: reviewer.id,
                reviewerName: reviewer.fullName ?? reviewer.email, status: verdict.status, reviewedAspects: verdict.reviewedAspects,
                notes: verdict.notes, revisionType: verdict.revisionType, createdAt: timestamp)
            try await db.raw("""
                INSERT INTO question_review_logs (id, question_id, reviewer_name, review_status, review_notes, reviewed_aspects,
                    needs_revision, revision_type, created_at, reviewer_id, question_revision)
                VALUES (\(bind: review.id), \(bind: questionID), \(bind: review.reviewerName), \(bind: review.status.rawValue),
                    \(bind: review.notes), \(bind: review.reviewedAspects), \(bind: review.status == .needsRevision),
                    \(bind: review.revisionType), \(bind: timestamp), \(bind: reviewer.id), \(bind: question.revision))
                """).run()
            let all = [review] + earlier
            let approvers = all.filter { $0.questionRevision == question.revision && $0.status == .approved }
                .sorted { $0.createdAt < $1.createdAt }
            let reviewed = QuestionReview.isReviewed(all, revision: question.revision)
            try await db.raw("""
                UPDATE questions SET is_reviewed = \(bind: reviewed),
                    reviewer_1_name = \(bind: approvers.first?.reviewerName), reviewer_1_notes = \(bind: approvers.first?.notes),
                    reviewer_2_name = \(bind: approvers.dropFirst().first?.reviewerName),
                    reviewer_2_notes = \(bind: approvers.dropFirst().first?.notes)
                WHERE id = \(bind: questionID)
                """).run()
            try await TryoutForms.withdrawOutOfService([questionID], at: timestamp, db)
            // An approval after students reported a problem answers their reports.
            if verdict.status == .approved { try await ReportQueries.resolveOpen(questionID, by: reviewer.id, at: timestamp, db) }
            return (review, try await QuestionEditor.load(questionID, db))
        }
    }

    /// Every review of the question, newest first.
    public func history(_ questionID: UUID) async throws -> [QuestionReview] {
        try await database.withConnection { db in
            _ = try await QuestionEditor.load(questionID, db)
            return try await Self.reviews(questionID, db)
        }
    }

    static func reviews(_ questionID: UUID, _ db: any SQLDatabase) async throws -> [QuestionReview] {
        try await db.raw("""
            SELECT id, question_id, question_revision, reviewer_id, reviewer_name, review_status, reviewed_aspects, review_notes,
                revision_type, created_at
            FROM question_review_logs WHERE question_id = \(bind: questionID) ORDER BY created_at DESC, id
            """).all().map { row in
            QuestionReview(
                id: try row.decode(column: "id", as: UUID.self), questionID: questionID,
                questionRevision: try row.decode(column: "question_revision", as: Int?.self),
                reviewerID: try row.decode(column: "reviewer_id", as: UUID?.self),
                reviewerName: try row.decode(column: "reviewer_name", as: String.self),
                status: QuestionReview.Status(rawValue: try row.decode(column: "review_status", as: String?.self) ?? "") ?? .needsRevision,
                reviewedAspects: try row.decode(column: "reviewed_aspects", as: String?.self),
                notes: try row.decode(column: "review_notes", as: String?.self),
                revisionType: try row.decode(column: "revision_type", as: String?.self),
                createdAt: try row.decode(column: "created_at", as: Date.self))
        }
    }
}
