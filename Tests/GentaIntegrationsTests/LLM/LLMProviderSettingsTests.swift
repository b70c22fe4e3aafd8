import GentaIntegrations
import GentaTestSupport
import Testing

extension LLM {
    /// Reading the LLM settings from the environment.
    @Suite struct LLMProviderSettingsTests {
        func failure(_ environment: [String: String]) -> LLMConfigurationError? {
            #expect(throws: LLMConfigurationError.self) { try LLMProviderSettings(environment: environment) }
        }

        @Test func nothingSetMeansTemplateOnly() throws {
            let settings = try LLMProviderSettings(environment: [:])
            #expect(settings.order.isEmpty)
            #expect(settings.mistral == LLMEndpoint(baseURL: "https://api.mistral.ai/v1", apiKey: nil, model: "mistral-small-latest"))
            #expect(settings.openAI.baseURL == "https://api.openai.com/v1")
            #expect(settings.anthropic.baseURL == "https://api.anthropic.com")
            #expect(settings.local == nil)
            #expect(settings.timeout == .seconds(10))
            #expect(settings.retryPolicy.maxAttempts == 2)
            #expect(settings.breakerPolicy == CircuitBreakerPolicy(failureThreshold: 3, coolDown: .seconds(30)))
            #expect(settings.prices == .defaults)
        }

        @Test func configuredProvidersAreUsedInTheDefaultOrder() throws {
            let settings = try LLMProviderSettings(environment: [
                "ANTHROPIC_API_KEY": "sk-ant", "MISTRAL_API_KEY": "mk", "GENTA_LLM_BASE_URL": "http://localhost:11434/v1/",
                "GENTA_LLM_MODEL": "llama3.2", "OPENAI_API_KEY": " ",
            ])
            #expect(settings.order == [.mistral, .anthropic, .local])
            #expect(settings.local == LLMEndpoint(baseURL: "http://localhost:11434/v1", apiKey: nil, model: "llama3.2"))
        }

        @Test func theListedOrderIsKept() throws {
            let settings = try LLMProviderSettings(environment: [
                "GENTA_FEEDBACK_PROVIDERS": "Anthropic, openai ,mistral,template", "MISTRAL_API_KEY": "mk",
                "OPENAI_API_KEY": "ok", "ANTHROPIC_API_KEY": "ak", "OPENAI_MODEL": "gpt-4.1-nano",
                "MISTRAL_BASE_URL": "https://eu.mistral.test/v1", "GENTA_LLM_TIMEOUT_SECONDS": "2.5",
                "GENTA_LLM_MAX_ATTEMPTS": "3", "GENTA_LLM_BREAKER_THRESHOLD": "5", "GENTA_LLM_BREAKER_COOLDOWN_SECONDS": "60",
                "GENTA_LLM_PRICES": "gpt-4.1-nano=0.1/0.4",
            ])
            #expect(settings.order == [.anthropic, .openai, .mistral])
            #expect(settings.openAI.model == "gpt-4.1-nano")
            #expect(settings.mistral.baseURL == "https://eu.mistral.test/v1")
            #expect(settings.timeout == .milliseconds(2500))
            #expect(settings.retryPolicy.maxAttempts == 3)
            #expect(settings.breakerPolicy == CircuitBreakerPolicy(failureThreshold: 5, coolDown: .seconds(60)))
            #expect(settings.prices.price(for: "openai:gpt-4.1-nano") != nil)
        }

        @Test func templateAloneMeansNoProviders() throws {
            let settings = try LLMProviderSettings(environment: ["GENTA_FEEDBACK_PROVIDERS": "template", "MISTRAL_API_KEY": "mk"])
            #expect(settings.order.isEmpty)
        }

        @Test func aListedProviderNeedsItsKey() {
            let missing = failure(["GENTA_FEEDBACK_PROVIDERS": "openai,mistral", "OPENAI_API_KEY": "ok"])
            #expect(missing == LLMConfigurationError(variable: "MISTRAL_API_KEY", message: "is required because GENTA_FEEDBACK_PROVIDERS lists mistral"))
            #expect(failure(["GENTA_FEEDBACK_PROVIDERS": "local"])?.variable == "GENTA_LLM_BASE_URL")
        }

        @Test func badListsNameTheVariable() {
            #expect(failure(["GENTA_FEEDBACK_PROVIDERS": "mistral,gemini", "MISTRAL_API_KEY": "mk"])?.variable == "GENTA_FEEDBACK_PROVIDERS")
            #expect(failure(["GENTA_FEEDBACK_PROVIDERS": "template,mistral", "MISTRAL_API_KEY": "mk"])?.variable == "GENTA_FEEDBACK_PROVIDERS")
            #expect(failure(["GENTA_FEEDBACK_PROVIDERS": "mistral,mistral", "MISTRAL_API_KEY": "mk"])?.variable == "GENTA_FEEDBACK_PROVIDERS")
        }

        @Test func badValuesNameTheVariable() {
            #expect(failure(["OPENAI_BASE_URL": "api.openai.com/v1"])?.variable == "OPENAI_BASE_URL")
            #expect(failure(["ANTHROPIC_BASE_URL": "ftp://anthropic.test"])?.variable == "ANTHROPIC_BASE_URL")
            #expect(failure(["GENTA_LLM_BASE_URL": "http://localhost:11434/v1"])?.variable == "GENTA_LLM_MODEL")
            #expect(failure(["GENTA_LLM_TIMEOUT_SECONDS": "ten"])?.variable == "GENTA_LLM_TIMEOUT_SECONDS")
            #expect(failure(["GENTA_LLM_TIMEOUT_SECONDS": "0"])?.variable == "GENTA_LLM_TIMEOUT_SECONDS")
            #expect(failure(["GENTA_LLM_MAX_ATTEMPTS": "9"])?.variable == "GENTA_LLM_MAX_ATTEMPTS")
            #expect(failure(["GENTA_LLM_PRICES": "gpt-4o-mini=cheap"])?.variable == "GENTA_LLM_PRICES")
            #expect(failure(["GENTA_LLM_BREAKER_COOLDOWN_SECONDS": "-1"])?.variable == "GENTA_LLM_BREAKER_COOLDOWN_SECONDS")
        }

        @Test func theChainFollowsTheSettings() throws {
            let settings = try LLMProviderSettings(environment: [
                "GENTA_FEEDBACK_PROVIDERS": "local,anthropic", "ANTHROPIC_API_KEY": "ak",
                "GENTA_LLM_BASE_URL": "http://127.0.0.1:8080/v1", "GENTA_LLM_MODEL": "qwen2.5",
            ])
            let clock = TestClock()
            let providers = settings.makeProviders(clock: clock.wallClock, logger: quietLogger())
            #expect(providers.map(\.name) == ["local", "anthropic"])
            #expect((providers[0] as? OpenAIChatProvider)?.endpoint == "http://127.0.0.1:8080/v1/chat/completions")
            #expect((providers[1] as? AnthropicProvider)?.endpoint == "https://api.anthropic.com/v1/messages")
            let chain = FeedbackChain(settings: settings, clock: clock.wallClock, logger: quietLogger())
            #expect(chain.providerNames == ["local", "anthropic", "template"])
            #expect(chain.retryPolicy == settings.retryPolicy)
        }
    }
}
