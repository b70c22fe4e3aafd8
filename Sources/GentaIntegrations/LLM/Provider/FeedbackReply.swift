/// Feedback as one provider wrote it, with what the `attempt_feedback` row records about it.
public struct FeedbackReply: Sendable, Equatable {
    /// Plain text (no HTML, no markdown, no control characters), bounded in length: it is stored
    /// and returned to clients as is.
    public var text: String
    /// Provider and model, `mistral:mistral-small-latest`, or `template` for the offline writer:
    /// the key `PriceTable` prices and dashboards group by.
    public var model: String
    /// The provider's name in the chain (`mistral`, `openai`, `anthropic`, `local`, `template`).
    public var provider: String
    /// Prompt tokens as the provider counted them; nil when it did not say.
    public var inputTokens: Int?
    /// Completion tokens as the provider counted them; nil when it did not say.
    public var outputTokens: Int?
    /// From sending the request to holding the decoded answer.
    public var latency: Duration

    public init(
        text: String, model: String, provider: String, inputTokens: Int?, outputTokens: Int?, latency: Duration
    ) {
        self.text = text
        self.model = model
        self.provider = provider
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.latency = latency
    }
}
