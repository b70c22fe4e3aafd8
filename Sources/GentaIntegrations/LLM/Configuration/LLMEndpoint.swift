/// Where and how to call one hosted or local model.
public struct LLMEndpoint: Sendable, Equatable {
    /// For OpenAI-compatible servers up to the version segment (`https://api.openai.com/v1`);
    /// for Anthropic without it (`https://api.anthropic.com`).
    public var baseURL: String
    /// Nil when not configured (allowed for local servers only).
    public var apiKey: String?
    /// The model name sent to the provider (`mistral-small-latest`).
    public var model: String

    public init(baseURL: String, apiKey: String?, model: String) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.model = model
    }
}
