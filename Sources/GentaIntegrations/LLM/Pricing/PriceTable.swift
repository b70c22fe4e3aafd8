import Foundation

/// What feedback costs, per model: configuration, not code, since prices change.
public struct PriceTable: Sendable, Equatable {
    /// By model name as sent to the provider (`gpt-4o-mini`), or provider-qualified as in
    /// `FeedbackReply.model` (`local:llama3.2`) to price one provider's copy differently.
    public var prices: [String: ModelPrice]

    /// Decimal places kept in a cost: 10⁻⁸ USD. Prices with at most two decimals per million
    /// tokens give costs with at most eight, so rounding only touches finer prices.
    public static let costScale = 8

    /// The list prices in `INTEGRATIONS.md` (2026): Mistral Small and GPT-4o mini 0.15 / 0.60,
    /// Anthropic's smallest Haiku 0.10 / 0.50, the template free. Re-check before relying on them
    /// and override with `GENTA_LLM_PRICES`.
    public static let defaults = PriceTable(prices: [
        "mistral-small-latest": .cents(15, 60),
        "gpt-4o-mini": .cents(15, 60),
        "claude-haiku-4-5": .cents(10, 50),
        TemplateFeedbackProvider.modelName: .free,
    ])

    public init(prices: [String: ModelPrice]) {
        self.prices = prices
    }

    /// The price of `model` as recorded in `FeedbackReply.model` (`mistral:mistral-small-latest`)
    /// or bare (`mistral-small-latest`): the full name first, then without the provider prefix.
    public func price(for model: String) -> ModelPrice? {
        if let price = prices[model] { return price }
        guard let colon = model.firstIndex(of: ":") else { return nil }
        return prices[String(model[model.index(after: colon)...])]
    }

    /// tokens × price ÷ 10⁶ for input and output, summed, rounded half away from zero to
    /// `costScale` (8) decimal places.
    ///
    /// Nil when the model has no price (record "unknown", not a false zero), or when the price is
    /// not zero and the provider reported no token counts. A missing count alongside a present
    /// one counts as zero. Negative counts count as zero.
    public func cost(model: String, inputTokens: Int?, outputTokens: Int?) -> Decimal? {
        guard let price = price(for: model) else { return nil }
        if price == .free { return 0 }
        guard inputTokens != nil || outputTokens != nil else { return nil }
        let input = Decimal(max(0, inputTokens ?? 0)) * price.inputPerMillion
        let output = Decimal(max(0, outputTokens ?? 0)) * price.outputPerMillion
        var exact = (input + output) / 1_000_000
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, Self.costScale, .plain)
        return rounded
    }

    /// The cost of `reply` (see `cost(model:inputTokens:outputTokens:)`).
    public func cost(of reply: FeedbackReply) -> Decimal? {
        cost(model: reply.model, inputTokens: reply.inputTokens, outputTokens: reply.outputTokens)
    }
}
