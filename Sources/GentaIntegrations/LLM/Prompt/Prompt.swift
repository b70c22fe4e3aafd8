/// What a provider is asked: a system and a user message in one language, with the facts they
/// were written from (`request`) so that an offline provider can write from the facts instead.
public struct Prompt: Sendable, Equatable {
    /// `id-v1`, `en-v1`…: recorded with the feedback and part of the cache key, so that changing
    /// the wording never serves feedback written for the old one.
    public var version: String
    /// The language of the messages and of the feedback asked for.
    public var language: FeedbackLanguage
    /// The instructions (role, rules, length, plain text only).
    public var system: String
    /// The question, options, answers, explanation, tip and level.
    public var user: String
    /// The completion's token limit sent to the provider (`max_tokens`).
    public var maxTokens: Int
    /// Sampling temperature sent to the provider.
    public var temperature: Double
    /// Replies are cut to this many characters at a word boundary (`PlainText.sanitize`).
    public var maxCharacters: Int
    /// The facts the messages were written from.
    public var request: FeedbackRequest

    public init(
        version: String, language: FeedbackLanguage, system: String, user: String, maxTokens: Int,
        temperature: Double, maxCharacters: Int, request: FeedbackRequest
    ) {
        self.version = version
        self.language = language
        self.system = system
        self.user = user
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.maxCharacters = maxCharacters
        self.request = request
    }
}
