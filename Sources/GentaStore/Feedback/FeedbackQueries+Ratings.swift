import Foundation
import GentaCore
import SQLKit

/// The student's side after feedback is written: rating it and seeing the rated ones.
extension FeedbackQueries {
    /// Records (or changes) the student's 👍/👎 on their own feedback.
    public func rate(feedbackID: UUID, userID: UUID, helpful: Bool) async throws -> StoredFeedback {
        let now = clock.now()
        return try await database.transaction { db in
            guard let attemptID = try await db.raw("""
                SELECT f.attempt_id FROM attempt_feedback f JOIN attempts a ON a.id = f.attempt_id
                WHERE f.id = \(bind: feedbackID) AND a.user_id = \(bind: userID) AND a.deleted_at IS NULL
                """).first()?.decode(column: "attempt_id", as: UUID.self)
            else {
                throw AppError(.notFound, code: "feedback_not_found", message: "No feedback \(feedbackID.uuidString.lowercased()) of yours exists.")
            }
            try await db.raw("UPDATE attempt_feedback SET is_helpful = \(bind: helpful), updated_at = \(bind: now) WHERE id = \(bind: feedbackID)").run()
            try await db.raw("UPDATE attempts SET feedback_helpful = \(bind: helpful) WHERE id = \(bind: attemptID)").run()
            let row = try await db.raw("SELECT \(FeedbackRow.columns) FROM attempt_feedback f WHERE f.id = \(bind: feedbackID)").first()
            return try FeedbackRow.decode(row!)
        }
    }

    /// Seed Query 7: the student's rated feedback, newest first, with the question; one page
    /// and the cursor of the next (nil on the last page). A cursor that is not one of the
    /// student's feedbacks is refused.
    public func ratedHistory(
        userID: UUID, limit: Int, after: PageCursor? = nil
    ) async throws -> (entries: [(feedback: StoredFeedback, entry: HistoryEntry)], next: PageCursor?) {
        let position: SQLQueryString = after.map {
            " AND (f.created_at, f.id) < (SELECT c.created_at, c.id FROM attempt_feedback c WHERE c.id = \(bind: $0.lastID))"
        } ?? ""
        let rows = try await database.withConnection { db in
            if let after, try await db.raw("""
                SELECT 1 AS mine FROM attempt_feedback f JOIN attempts a ON a.id = f.attempt_id
                WHERE f.id = \(bind: after.lastID) AND a.user_id = \(bind: userID)
                """).first() == nil
            {
                throw PageCursor.notFound
            }
            return try await db.raw("""
                SELECT \(FeedbackRow.columns), \(HistoryQueries.columns)
                FROM attempt_feedback f JOIN attempts a ON a.id = f.attempt_id JOIN questions q ON q.id = a.question_id
                LEFT JOIN passages p ON p.id = q.passage_id
                WHERE a.user_id = \(bind: userID) AND f.is_helpful IS NOT NULL AND a.deleted_at IS NULL\(position)
                ORDER BY f.created_at DESC, f.id DESC
                LIMIT \(bind: limit + 1)
                """).all()
        }
        let entries = try rows.prefix(limit).map { (feedback: try FeedbackRow.decode($0), entry: try HistoryQueries.decode($0)) }
        let next = rows.count > limit ? entries.last.map { PageCursor(lastID: $0.feedback.id) } : nil
        return (entries, next)
    }
}
