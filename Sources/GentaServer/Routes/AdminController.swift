import GentaCore
import GentaStore
import Hummingbird

/// Operators' views. Every route here requires the admin role.
struct AdminController {
    let llmCost: LLMCostQueries

    struct LLMCostResponse: Encodable {
        struct Row: Encodable {
            let date: String
            let model_used: String
            let feedback_count: Int
            let avg_generation_ms: Double?
            let avg_tokens: Double?
            let cost_usd: Double
            let cache_hits: Int
            let helpful_rate: Double?
        }
        struct Version: Encodable {
            let prompt_version: String
            let feedback_count: Int
            let rated_count: Int
            let helpful_rate: Double?
        }
        let days: Int
        let total_cost_usd: Double
        let by_day_and_model: [Row]
        let by_prompt_version: [Version]
    }

    func addRoutes(to group: Routes) {
        group.get("admin/llm-cost") { request, context in
            let user = try context.requireUser()
            guard user.role == .admin else {
                throw AppError(.forbidden, code: "admin_only", message: "Only administrators can see LLM costs.")
            }
            let days = try Input.integer(request.uri.queryParameters["days"].map(String.init), field: "days", default: 30, in: 1...366)
            let report = try await llmCost.report(days: days)
            let rows = report.byDay.map {
                LLMCostResponse.Row(
                    date: $0.day, model_used: $0.model, feedback_count: $0.feedbackCount,
                    avg_generation_ms: $0.averageGenerationMs.map { ($0 * 10).rounded() / 10 },
                    avg_tokens: $0.averageTokens.map { ($0 * 10).rounded() / 10 },
                    cost_usd: ($0.costUSD * 1e8).rounded() / 1e8, cache_hits: $0.cacheHits, helpful_rate: $0.helpfulRate)
            }
            return Response.json(LLMCostResponse(
                days: days, total_cost_usd: (report.byDay.map(\.costUSD).reduce(0, +) * 1e8).rounded() / 1e8,
                by_day_and_model: rows,
                by_prompt_version: report.byPromptVersion.map {
                    .init(prompt_version: $0.promptVersion, feedback_count: $0.feedbackCount, rated_count: $0.ratedCount,
                        helpful_rate: $0.helpfulRate)
                }))
        }
    }
}
