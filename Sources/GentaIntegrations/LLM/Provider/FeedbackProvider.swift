/// Something that writes feedback from a prompt: a hosted model, a local one, or the offline
/// template writer. `FeedbackChain` tries several in order.
public protocol FeedbackProvider: Sendable {
    /// Short and stable (`mistral`, `openai`, `anthropic`, `local`, `template`): used in logs,
    /// in `FeedbackReply.provider` and as the prefix of `FeedbackReply.model`.
    var name: String { get }

    /// One call, no retries (the chain decides about those); bounded by the provider's own
    /// timeout. The reply's text is already plain and bounded (`PlainText.sanitize`).
    func generate(_ prompt: Prompt) async throws(ProviderError) -> FeedbackReply
}
