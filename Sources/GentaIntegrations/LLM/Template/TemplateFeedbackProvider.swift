/// Feedback written offline from the bank's own explanation, tip and concept: no network, no
/// cost, the same text for the same request. The chain's last resort, and a reasonable
/// provider on its own where no model may be called.
public struct TemplateFeedbackProvider: FeedbackProvider {
    /// Recorded as both the model and the provider; priced at zero.
    public static let modelName = "template"

    /// `template`.
    public let name = TemplateFeedbackProvider.modelName

    public init() {}

    /// The feedback for `prompt.request`, in its language, at most `prompt.maxCharacters` long.
    public func write(_ prompt: Prompt) -> FeedbackReply {
        let text = TemplateFeedbackWriter(request: prompt.request).text()
        return FeedbackReply(
            text: PlainText.sanitize(text, maxLength: prompt.maxCharacters), model: Self.modelName, provider: name,
            inputTokens: 0, outputTokens: 0, latency: .zero)
    }

    /// Never fails; the same as `write(_:)`.
    public func generate(_ prompt: Prompt) async throws(ProviderError) -> FeedbackReply {
        write(prompt)
    }
}
