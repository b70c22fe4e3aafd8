import AsyncHTTPClient
import GentaCore
import Logging

/// Feedback from Anthropic's Messages API at `baseURL + "/v1/messages"`.
public struct AnthropicProvider: FeedbackProvider {
    /// The API version header this client is written against.
    public static let apiVersion = "2023-06-01"

    public let name: String
    /// Without the version segment: `https://api.anthropic.com`.
    public let baseURL: String
    /// Sent as `model`, and recorded as `name:model`.
    public let model: String
    private let apiKey: String
    private let post: LLMHTTPPost
    private let clock: WallClock
    private let logger: Logger

    /// - Parameters:
    ///   - name: The provider's name in the chain and in `FeedbackReply.model`'s prefix.
    ///   - apiKey: Sent as `x-api-key`.
    ///   - timeout: For the whole call, answer included; a student is waiting.
    ///   - httpClient: Defaults to the process-wide shared client, which never needs shutting down.
    ///   - clock: Reads `retry-after` dates.
    ///   - logger: Why a call failed (status, Anthropic's error type and message); never the key.
    public init(
        name: String = "anthropic", baseURL: String, apiKey: String, model: String, timeout: Duration = .seconds(10),
        httpClient: HTTPClient = .shared, clock: WallClock = .system, logger: Logger = Logger(label: "genta.llm")
    ) {
        self.name = name
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.post = LLMHTTPPost(httpClient: httpClient, timeout: timeout)
        self.clock = clock
        self.logger = logger
    }

    /// The address called.
    public var endpoint: String { JSONBody.url(baseURL, "/v1/messages") }

    public func generate(_ prompt: Prompt) async throws(ProviderError) -> FeedbackReply {
        let body = JSONBody.encode(AnthropicMessagesRequest(model: model, prompt: prompt))
        let headers = [("x-api-key", apiKey), ("anthropic-version", Self.apiVersion)]
        let exchange = LLMExchange(provider: name, logger: logger)
        let (response, latency) = try await exchange.send(post, body, to: endpoint, headers: headers)
        guard response.isSuccess else {
            let detail = JSONBody.decode(AnthropicErrorBody.self, from: response.body)?.error
            throw exchange.refused(
                AnthropicErrorBody.classify(response, clock: clock), response: response, type: detail?.type, message: detail?.message)
        }
        let decoded = JSONBody.decode(AnthropicMessagesResponse.self, from: response.body)
        let text = try exchange.text(
            decoded?.text, decoded: decoded != nil, prompt: prompt, unreadable: "not a message", empty: "no text block")
        return FeedbackReply(
            text: text, model: "\(name):\(model)", provider: name, inputTokens: decoded?.usage?.inputTokens,
            outputTokens: decoded?.usage?.outputTokens, latency: latency)
    }
}
