import AsyncHTTPClient
import GentaCore
import Logging

extension LLMProviderSettings {
    /// The providers of `order`, ready to call; the template is not among them (the chain adds
    /// it as the last resort).
    public func makeProviders(
        clock: WallClock, httpClient: HTTPClient = .shared, logger: Logger = Logger(label: "genta.llm")
    ) -> [any FeedbackProvider] {
        order.compactMap { kind -> (any FeedbackProvider)? in
            switch kind {
            case .mistral:
                return openAICompatible("mistral", mistral, clock: clock, httpClient: httpClient, logger: logger)
            case .openai:
                return openAICompatible("openai", openAI, clock: clock, httpClient: httpClient, logger: logger)
            case .local:
                return local.map { openAICompatible("local", $0, clock: clock, httpClient: httpClient, logger: logger) }
            case .anthropic:
                guard let key = anthropic.apiKey else { return nil }
                return AnthropicProvider(
                    name: "anthropic", baseURL: anthropic.baseURL, apiKey: key, model: anthropic.model, timeout: timeout,
                    httpClient: httpClient, clock: clock, logger: logger)
            case .template:
                return nil
            }
        }
    }

    private func openAICompatible(
        _ name: String, _ endpoint: LLMEndpoint, clock: WallClock, httpClient: HTTPClient, logger: Logger
    ) -> OpenAIChatProvider {
        OpenAIChatProvider(
            name: name, baseURL: endpoint.baseURL, apiKey: endpoint.apiKey, model: endpoint.model, timeout: timeout,
            httpClient: httpClient, clock: clock, logger: logger)
    }
}

extension FeedbackChain {
    /// The chain `settings` describe: its providers in order, its retry and breaker policies,
    /// real sleeping and random jitter.
    ///
    /// ```swift
    /// let settings = try LLMProviderSettings(environment: ProcessInfo.processInfo.environment)
    /// let chain = FeedbackChain(settings: settings, clock: .system)
    /// let outcome = await chain.generate(request)   // never fails
    /// let cost = settings.prices.cost(of: outcome.reply)
    /// ```
    public init(
        settings: LLMProviderSettings, clock: WallClock, httpClient: HTTPClient = .shared,
        logger: Logger = Logger(label: "genta.llm")
    ) {
        self.init(
            providers: settings.makeProviders(clock: clock, httpClient: httpClient, logger: logger),
            retryPolicy: settings.retryPolicy, breakerPolicy: settings.breakerPolicy, clock: clock, logger: logger)
    }
}
