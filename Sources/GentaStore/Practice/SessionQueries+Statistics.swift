import Foundation
import GentaCore
import SQLKit

extension SessionQueries {
    /// Seed Query 4, per answer; correct answers are shown because these were answered.
    ///
    /// Totals come from one aggregate over the whole session; the answers come a page at a
    /// time by attempt number, after the answer the cursor names. Both skip soft-deleted answers.
    public func statistics(userID: UUID, sessionID: String, limit: Int, after: PageCursor? = nil) async throws -> SessionStatistics {
        try await database.withConnection { db in
            let session = try await SessionRow.find(userID: userID, sessionID: sessionID, db)
            var conditions: [SQLQueryString] = [
                "a.user_id = \(bind: userID)", "a.session_id = \(bind: sessionID)", "a.deleted_at IS NULL",
            ]
            if let after {
                guard try await db.raw("""
                    SELECT 1 AS mine FROM attempts
                    WHERE id = \(bind: after.lastID) AND user_id = \(bind: userID) AND session_id = \(bind: sessionID)
                    """).first() != nil
                else { throw PageCursor.notFound }
                conditions.append("""
                    (a.attempt_number_in_session, a.id) > (SELECT c.attempt_number_in_session, c.id FROM attempts c
                                                           WHERE c.id = \(bind: after.lastID))
                    """)
            }
            let totals = try await Self.totals(userID: userID, sessionID: sessionID, db)
            let rows = try await db.raw("""
                SELECT a.id, a.question_id, q.section, a.selected_answer, a.response, \(StoredContent.columns("q")), a.is_correct,
                       a.time_spent_seconds, a.attempt_number_in_session
                FROM attempts a JOIN questions q ON q.id = a.question_id
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY a.attempt_number_in_session, a.id
                LIMIT \(bind: limit + 1)
                """).all()
            let answers = try rows.prefix(limit).map(Self.decodeAnswer)
            let next = rows.count > limit ? answers.last.map { PageCursor(lastID: $0.attemptID) } : nil
            return SessionStatistics(session: session, totals: totals, answers: answers, next: next)
        }
    }

    private static func totals(userID: UUID, sessionID: String, _ db: any SQLDatabase) async throws -> SessionStatistics.Totals {
        guard let row = try await db.raw("""
            SELECT COUNT(*) AS answers, SUM(CASE WHEN is_correct THEN 1 ELSE 0 END) AS correct,
                   SUM(time_spent_seconds) AS total_time, MIN(time_spent_seconds) AS min_time,
                   MAX(time_spent_seconds) AS max_time
            FROM attempts
            WHERE user_id = \(bind: userID) AND session_id = \(bind: sessionID) AND deleted_at IS NULL
            """).first()
        else { return SessionStatistics.Totals(answers: 0, correct: 0, timeSpentSeconds: 0, minimumTimeSeconds: nil, maximumTimeSeconds: nil) }
        // SUM, MIN and MAX are NULL over no rows.
        return SessionStatistics.Totals(
            answers: try row.decode(column: "answers", as: Int.self),
            correct: try row.decode(column: "correct", as: Int?.self) ?? 0,
            timeSpentSeconds: try row.decode(column: "total_time", as: Int?.self) ?? 0,
            minimumTimeSeconds: try row.decode(column: "min_time", as: Int?.self),
            maximumTimeSeconds: try row.decode(column: "max_time", as: Int?.self))
    }

    private static func decodeAnswer(_ row: any SQLRow) throws -> SessionStatistics.Answer {
        let content = try StoredContent.decode(row)
        return SessionStatistics.Answer(
            attemptID: try row.decode(column: "id", as: UUID.self),
            questionID: try row.decode(column: "question_id", as: UUID.self),
            section: try Section.decode(row, "section"),
            response: try StoredContent.response(row, for: content),
            key: content.key,
            isCorrect: try row.decode(column: "is_correct", as: Bool.self),
            timeSpentSeconds: try row.decode(column: "time_spent_seconds", as: Int.self),
            attemptNumber: try row.decode(column: "attempt_number_in_session", as: Int.self))
    }
}
