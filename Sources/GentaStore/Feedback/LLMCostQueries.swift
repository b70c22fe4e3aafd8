import Foundation
import GentaCore
import SQLKit

/// What AI feedback costs and how good it is (seed Query 10, corrected: grouped by day and
/// model with every selected column aggregated; cost from the recorded tokens and prices rather
/// than a flat guess; cache hits and the helpful rate added).
public struct LLMCostQueries: Sendable {
    let database: any Database
    let clock: WallClock

    public init(database: any Database, clock: WallClock) {
        self.database = database
        self.clock = clock
    }

    public struct DayAndModel: Sendable, Equatable {
        public var day: String
        public var model: String
        public var feedbackCount: Int
        public var averageGenerationMs: Double?
        public var averageTokens: Double?
        public var costUSD: Double
        public var cacheHits: Int
        /// Share of rated feedback marked helpful; nil when none was rated.
        public var helpfulRate: Double?
    }

    public struct PromptVersionQuality: Sendable, Equatable {
        public var promptVersion: String
        public var feedbackCount: Int
        public var ratedCount: Int
        public var helpfulRate: Double?
    }

    public func report(days: Int) async throws -> (byDay: [DayAndModel], byPromptVersion: [PromptVersionQuality]) {
        let since = PracticeDay.start(of: clock.now()).addingTimeInterval(-Double(days - 1) * 86_400)
        return try await database.withConnection { db in
            let byDay = try await db.raw("""
                SELECT \(WIBDay("created_at")) AS day, model_used, COUNT(*) AS feedback_count,
                       AVG(generation_time_ms) AS avg_generation_ms,
                       AVG(COALESCE(token_count_input, 0) + COALESCE(token_count_output, 0)) AS avg_tokens,
                       SUM(COALESCE(cost_usd, 0)) AS cost_usd,
                       SUM(CASE WHEN cache_hit THEN 1 ELSE 0 END) AS cache_hits,
                       AVG(CASE WHEN is_helpful IS NULL THEN NULL WHEN is_helpful THEN 1.0 ELSE 0.0 END) AS helpful_rate
                FROM attempt_feedback
                WHERE created_at >= \(bind: since)
                GROUP BY \(WIBDay("created_at")), model_used
                ORDER BY day DESC, model_used
                """).all().map { row in
                DayAndModel(
                    day: try row.decode(column: "day", as: String.self),
                    model: try row.decode(column: "model_used", as: String.self),
                    feedbackCount: try row.decode(column: "feedback_count", as: Int.self),
                    averageGenerationMs: try row.decodeOptionalDouble(column: "avg_generation_ms"),
                    averageTokens: try row.decodeOptionalDouble(column: "avg_tokens"),
                    costUSD: try row.decodeOptionalDouble(column: "cost_usd") ?? 0,
                    cacheHits: try row.decode(column: "cache_hits", as: Int.self),
                    helpfulRate: try row.decodeOptionalDouble(column: "helpful_rate"))
            }
            let byVersion = try await db.raw("""
                SELECT COALESCE(prompt_version, 'unknown') AS prompt_version, COUNT(*) AS feedback_count,
                       COUNT(is_helpful) AS rated_count,
                       AVG(CASE WHEN is_helpful IS NULL THEN NULL WHEN is_helpful THEN 1.0 ELSE 0.0 END) AS helpful_rate
                FROM attempt_feedback
                WHERE created_at >= \(bind: since)
                GROUP BY COALESCE(prompt_version, 'unknown')
                ORDER BY prompt_version
                """).all().map { row in
                PromptVersionQuality(
                    promptVersion: try row.decode(column: "prompt_version", as: String.self),
                    feedbackCount: try row.decode(column: "feedback_count", as: Int.self),
                    ratedCount: try row.decode(column: "rated_count", as: Int.self),
                    helpfulRate: try row.decodeOptionalDouble(column: "helpful_rate"))
            }
            return (byDay, byVersion)
        }
    }
}
