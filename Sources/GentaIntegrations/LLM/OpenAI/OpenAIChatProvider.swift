import AsyncHTTPClient
import GentaCore
import Logging

/// Feedback from a chat-completions API: OpenAI, Mistral, or any OpenAI-compatible server
/// (Ollama, llama.cpp, vLLM) at `baseURL + "/chat/completions"`.
public struct OpenAIChatProvider: FeedbackProvider {
    public let name: String
    /// Up to and including the version segment: `https://api.mistral.ai/v1`,
    /// `https://api.openai.com/v1`, `http://localhost:11434/v1`.
    public let baseURL: String
    /// Sent as `model`, and recorded as `name:model`.
    public let model: String
    private let apiKey: String?
    private let post: LLMHTTPPost
    private let clock: WallClock
    private let logger: Logger

    /// - Parameters:
    ///   - name: The provider's name in the chain and in `FeedbackReply.model`'s prefix.
    ///   - apiKey: Sent as `Authorization: Bearer`; nil or empty for local servers without one.
    ///   - timeout: For the whole call, answer included; a student is waiting.
    ///   - httpClient: Defaults to the process-wide shared client, which never needs shutting down.
    ///   - clock: Reads `Retry-After` dates.
    ///   - logger: Why a call failed (status, the provider's error type and message); never the key.
    public init(
        name: String, baseURL: String, apiKey: String?, model: String, timeout: Duration = .seconds(10),
        httpClient: HTTPClient = .shared, clock: WallClock = .system, logger: Logger = Logger(label: "genta.llm")
    ) {
        self.name = name
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey.nonBlank
        self.post = LLMHTTPPost(httpClient: httpClient, timeout: timeout)
        self.clock = clock
        self.logger = logger
    }

    /// The address called.
    public var endpoint: String { JSONBody.url(baseURL, "/chat/completions") }

    public func generate(_ prompt: Prompt) async throws(ProviderError) -> FeedbackReply {
        let body = JSONBody.encode(OpenAIChatRequest(model: model, prompt: prompt))
        let headers = apiKey.map { [("Authorization", "Bearer \($0)")] } ?? []
        let exchange = LLMExchange(provider: name, logger: logger)
        let (response, latency) = try await exchange.send(post, body, to: endpoint, headers: headers)
        guard response.isSuccess else {
            let detail = JSONBody.decode(OpenAIErrorBody.self, from: response.body)
            throw exchange.refused(
                OpenAIErrorBody.classify(response, clock: clock), response: response, type: detail?.type, message: detail?.message)
        }
        let decoded = JSONBody.decode(OpenAIChatResponse.self, from: response.body)
        let text = try exchange.text(
            decoded?.text, decoded: decoded != nil, prompt: prompt, unreadable: "not a chat completion", empty: "no text in the first choice")
        return FeedbackReply(
            text: text, model: "\(name):\(model)", provider: name, inputTokens: decoded?.usage?.promptTokens,
            outputTokens: decoded?.usage?.completionTokens, latency: latency)
    }
}
