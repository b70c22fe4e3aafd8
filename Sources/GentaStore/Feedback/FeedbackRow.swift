import Foundation
import GentaCore
import SQLKit

/// Reading `attempt_feedback` rows (aliased `f`).
enum FeedbackRow {
    static let columns: SQLQueryString = """
        f.id AS feedback_id, f.attempt_id, f.feedback_text, f.feedback_lang, f.model_used, f.prompt_version,
        f.generation_time_ms, f.token_count_input, f.token_count_output, f.cost_usd, f.cache_hit, f.is_helpful,
        f.created_at AS feedback_created_at
        """

    static func decode(_ row: any SQLRow) throws -> StoredFeedback {
        StoredFeedback(
            id: try row.decode(column: "feedback_id", as: UUID.self),
            attemptID: try row.decode(column: "attempt_id", as: UUID.self),
            text: try row.decode(column: "feedback_text", as: String.self),
            language: try row.decode(column: "feedback_lang", as: String.self),
            modelUsed: try row.decode(column: "model_used", as: String.self),
            promptVersion: try row.decode(column: "prompt_version", as: String?.self),
            generationTimeMs: try row.decode(column: "generation_time_ms", as: Int?.self),
            inputTokens: try row.decode(column: "token_count_input", as: Int?.self),
            outputTokens: try row.decode(column: "token_count_output", as: Int?.self),
            costUSD: try row.decodeOptionalDouble(column: "cost_usd"),
            cacheHit: try row.decode(column: "cache_hit", as: Bool.self),
            isHelpful: try row.decode(column: "is_helpful", as: Bool?.self),
            createdAt: try row.decode(column: "feedback_created_at", as: Date.self))
    }
}
