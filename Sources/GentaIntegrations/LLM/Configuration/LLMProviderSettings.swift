import Foundation

/// Which providers write feedback and how to reach them, read once from the environment at
/// start.
///
/// | Variable | Default |
/// |---|---|
/// | `GENTA_FEEDBACK_PROVIDERS` | the configured ones: mistral, openai, anthropic, local |
/// | `MISTRAL_API_KEY`, `MISTRAL_BASE_URL`, `MISTRAL_MODEL` | –, `https://api.mistral.ai/v1`, `mistral-small-latest` |
/// | `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_MODEL` | –, `https://api.openai.com/v1`, `gpt-4o-mini` |
/// | `ANTHROPIC_API_KEY`, `ANTHROPIC_BASE_URL`, `ANTHROPIC_MODEL` | –, `https://api.anthropic.com`, `claude-haiku-4-5` |
/// | `GENTA_LLM_BASE_URL`, `GENTA_LLM_API_KEY`, `GENTA_LLM_MODEL` | –, –, – (model required with the URL) |
/// | `GENTA_LLM_TIMEOUT_SECONDS` | 10 (per call) |
/// | `GENTA_LLM_MAX_ATTEMPTS` | 2 (per provider) |
/// | `GENTA_LLM_BUDGET_SECONDS` | 25 (per feedback) |
/// | `GENTA_LLM_BREAKER_THRESHOLD`, `GENTA_LLM_BREAKER_COOLDOWN_SECONDS` | 3, 30 |
/// | `GENTA_LLM_PRICES` | `PriceTable.defaults` |
public struct LLMProviderSettings: Sendable, Equatable {
    /// The providers tried, in order; the template is always tried last and not listed here.
    public var order: [LLMProviderKind]
    /// `MISTRAL_*`; used when its key is set.
    public var mistral: LLMEndpoint
    /// `OPENAI_*`; used when its key is set.
    public var openAI: LLMEndpoint
    /// `ANTHROPIC_*`; used when its key is set.
    public var anthropic: LLMEndpoint
    /// The OpenAI-compatible server at `GENTA_LLM_BASE_URL`, when set.
    public var local: LLMEndpoint?
    /// Per call, answer included.
    public var timeout: Duration
    /// `GENTA_LLM_MAX_ATTEMPTS`, `GENTA_LLM_BUDGET_SECONDS`; the rest at their defaults.
    public var retryPolicy: RetryPolicy
    /// `GENTA_LLM_BREAKER_THRESHOLD`, `GENTA_LLM_BREAKER_COOLDOWN_SECONDS`.
    public var breakerPolicy: CircuitBreakerPolicy
    /// The defaults with `GENTA_LLM_PRICES` applied.
    public var prices: PriceTable

    /// Defaults of the `*_BASE_URL` and `*_MODEL` variables.
    public static let defaultMistralBaseURL = "https://api.mistral.ai/v1"
    public static let defaultOpenAIBaseURL = "https://api.openai.com/v1"
    public static let defaultAnthropicBaseURL = "https://api.anthropic.com"
    public static let defaultMistralModel = "mistral-small-latest"
    public static let defaultOpenAIModel = "gpt-4o-mini"
    public static let defaultAnthropicModel = "claude-haiku-4-5"

    public init(
        order: [LLMProviderKind], mistral: LLMEndpoint, openAI: LLMEndpoint, anthropic: LLMEndpoint,
        local: LLMEndpoint?, timeout: Duration = .seconds(10), retryPolicy: RetryPolicy = RetryPolicy(),
        breakerPolicy: CircuitBreakerPolicy = CircuitBreakerPolicy(), prices: PriceTable = .defaults
    ) {
        self.order = order
        self.mistral = mistral
        self.openAI = openAI
        self.anthropic = anthropic
        self.local = local
        self.timeout = timeout
        self.retryPolicy = retryPolicy
        self.breakerPolicy = breakerPolicy
        self.prices = prices
    }

    /// Reads the variables in the table above from `environment` (normally
    /// `ProcessInfo.processInfo.environment`). Blank values count as unset.
    ///
    /// - Throws: `LLMConfigurationError` naming the variable: a malformed URL or number, an
    ///   unknown or repeated provider name, `template` listed before another provider, a listed
    ///   provider without its key (or, for `local`, without `GENTA_LLM_BASE_URL` or
    ///   `GENTA_LLM_MODEL`), a malformed price.
    public init(environment: [String: String]) throws(LLMConfigurationError) {
        let reader = LLMEnvironmentReader(variables: environment)
        mistral = LLMEndpoint(
            baseURL: try reader.baseURL("MISTRAL_BASE_URL", default: Self.defaultMistralBaseURL)!,
            apiKey: reader.value("MISTRAL_API_KEY"), model: reader.value("MISTRAL_MODEL") ?? Self.defaultMistralModel)
        openAI = LLMEndpoint(
            baseURL: try reader.baseURL("OPENAI_BASE_URL", default: Self.defaultOpenAIBaseURL)!,
            apiKey: reader.value("OPENAI_API_KEY"), model: reader.value("OPENAI_MODEL") ?? Self.defaultOpenAIModel)
        anthropic = LLMEndpoint(
            baseURL: try reader.baseURL("ANTHROPIC_BASE_URL", default: Self.defaultAnthropicBaseURL)!,
            apiKey: reader.value("ANTHROPIC_API_KEY"),
            model: reader.value("ANTHROPIC_MODEL") ?? Self.defaultAnthropicModel)
        if let url = try reader.baseURL("GENTA_LLM_BASE_URL", default: nil) {
            guard let model = reader.value("GENTA_LLM_MODEL") else {
                throw LLMConfigurationError(
                    variable: "GENTA_LLM_MODEL",
                    message: "is required with GENTA_LLM_BASE_URL (the server's model name, e.g. llama3.2 for Ollama)")
            }
            local = LLMEndpoint(baseURL: url, apiKey: reader.value("GENTA_LLM_API_KEY"), model: model)
        } else {
            local = nil
        }
        timeout = try reader.seconds("GENTA_LLM_TIMEOUT_SECONDS", default: .seconds(10), in: 0.1...120)
        retryPolicy = RetryPolicy(
            maxAttempts: try reader.integer("GENTA_LLM_MAX_ATTEMPTS", default: 2, in: 1...5),
            budget: try reader.seconds("GENTA_LLM_BUDGET_SECONDS", default: .seconds(25), in: 1...300))
        breakerPolicy = CircuitBreakerPolicy(
            failureThreshold: try reader.integer("GENTA_LLM_BREAKER_THRESHOLD", default: 3, in: 1...100),
            coolDown: try reader.seconds("GENTA_LLM_BREAKER_COOLDOWN_SECONDS", default: .seconds(30), in: 1...3600))
        prices = try PriceTable.defaults.overriding(with: reader.value("GENTA_LLM_PRICES") ?? "", variable: "GENTA_LLM_PRICES")
        // Every property needs a value before `isConfigured` can be asked about the order.
        order = []
        order = try readOrder(reader)
    }

    /// Whether `kind` has what it needs to be called.
    public func isConfigured(_ kind: LLMProviderKind) -> Bool {
        switch kind {
        case .mistral: mistral.apiKey != nil
        case .openai: openAI.apiKey != nil
        case .anthropic: anthropic.apiKey != nil
        case .local: local != nil
        case .template: true
        }
    }
}
