import Foundation
import GentaCore
import IRT
import SQLKit

/// Rebuilds answered attempts from their rows (idempotent replays return exactly this).
enum AttemptReader {
    static let columns: SQLQueryString = """
        a.id, a.question_id, a.session_id, a.section, a.selected_answer, a.response, q.format, q.option_a,
        q.option_b, q.option_c, q.option_d, q.option_e, q.correct_answer, q.format_spec, a.is_correct,
        q.explanation, q.strategy_tip, q.related_concept, a.user_theta_before, a.user_theta_after,
        a.theta_change, a.theta_variance_after, a.attempt_number_in_session, a.time_spent_seconds, a.created_at, a.is_pretest
        """

    static func byIdempotencyKey(_ key: String, userID: UUID, scale: ScoreScale, _ db: any SQLDatabase) async throws -> AttemptResult? {
        try await db.raw("""
            SELECT \(columns) FROM attempts a JOIN questions q ON q.id = a.question_id
            WHERE a.user_id = \(bind: userID) AND a.idempotency_key = \(bind: key)
            """).first().map { try decode($0, scale: scale) }
    }

    static func decode(_ row: any SQLRow, scale: ScoreScale) throws -> AttemptResult {
        let content = try StoredContent.decode(row)
        let after = try row.decode(column: "user_theta_after", as: Double.self)
        let variance = try row.decode(column: "theta_variance_after", as: Double.self)
        let range = ReadinessSnapshot(ability: AbilityEstimate(mean: after, variance: variance), targetScore: nil, scale: scale)
        return AttemptResult(
            id: try row.decode(column: "id", as: UUID.self),
            questionID: try row.decode(column: "question_id", as: UUID.self),
            sessionID: try row.decode(column: "session_id", as: String.self),
            section: try Section.decode(row, "section"),
            response: try StoredContent.response(row, for: content),
            key: content.key,
            isCorrect: try row.decode(column: "is_correct", as: Bool.self),
            explanation: try row.decode(column: "explanation", as: String?.self),
            strategyTip: try row.decode(column: "strategy_tip", as: String?.self),
            relatedConcept: try row.decode(column: "related_concept", as: String?.self),
            thetaBefore: try row.decode(column: "user_theta_before", as: Double.self),
            thetaAfter: after,
            thetaChange: try row.decode(column: "theta_change", as: Double.self),
            thetaSDAfter: variance.squareRoot(),
            predictedScoreLow: range.predictedLow,
            predictedScoreHigh: range.predictedHigh,
            attemptNumberInSession: try row.decode(column: "attempt_number_in_session", as: Int.self),
            timeSpentSeconds: try row.decode(column: "time_spent_seconds", as: Int.self),
            createdAt: try row.decode(column: "created_at", as: Date.self),
            isPretest: try row.decode(column: "is_pretest", as: Bool.self))
    }
}
