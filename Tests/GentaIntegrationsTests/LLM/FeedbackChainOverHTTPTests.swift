import Foundation
import GentaIntegrations
import GentaTestSupport
import Testing

extension LLM {
    /// The chain with real clients against stand-ins: retries and fall-through over HTTP.
    @Suite struct FeedbackChainOverHTTPTests {
        let clock = TestClock()

        @Test func retriesARateLimitedProviderAfterItsRetryAfter() async throws {
            let mistral = StandInLLMState([.openAIRateLimited(retryAfter: "1")])
            let sleeper = RecordingSleeper()
            let outcome = try await withStandInLLM(mistral) { url in
                let provider = OpenAIChatProvider(
                    name: "mistral", baseURL: url + "/v1", apiKey: "mk", model: "mistral-small-latest",
                    clock: clock.wallClock, logger: quietLogger())
                let chain = FeedbackChain(
                    providers: [provider], clock: clock.wallClock, random: { 0.5 }, sleep: sleeper.sleep,
                    logger: quietLogger())
                return await chain.generate(LLMFixture.analogy())
            }
            #expect(sleeper.delays == [.seconds(1)])
            #expect(await mistral.received.count == 2)
            #expect(outcome.reply.model == "mistral:mistral-small-latest")
            #expect(outcome.reply.text == StandInLLMState.defaultText)
            #expect(outcome.steps == [ProviderStep(provider: "mistral", result: .answered, calls: 2, delays: [.seconds(1)])])
        }

        @Test func fallsThroughEveryProviderToTheTemplate() async throws {
            let openAI = StandInLLMState([.openAIInsufficientQuota])
            let anthropic = StandInLLMState([.anthropicOverloaded, .anthropicOverloaded])
            let sleeper = RecordingSleeper()
            let outcome = try await withStandInLLM(openAI) { openAIURL in
                try await withStandInLLM(anthropic) { anthropicURL in
                    let providers: [any FeedbackProvider] = [
                        OpenAIChatProvider(
                            name: "openai", baseURL: openAIURL + "/v1", apiKey: "ok", model: "gpt-4o-mini",
                            clock: clock.wallClock, logger: quietLogger()),
                        AnthropicProvider(
                            baseURL: anthropicURL, apiKey: "ak", model: "claude-haiku-4-5", clock: clock.wallClock,
                            logger: quietLogger()),
                    ]
                    let chain = FeedbackChain(
                        providers: providers, clock: clock.wallClock, random: { 0.5 }, sleep: sleeper.sleep,
                        logger: quietLogger())
                    return await chain.generate(LLMFixture.analogy(language: .english))
                }
            }
            #expect(outcome.usedFallback)
            #expect(outcome.reply.text.hasPrefix("Your answer A (Makanan) is not quite right"))
            #expect(await openAI.received.count == 1)
            #expect(await anthropic.received.count == 2)
            #expect(sleeper.delays == [.milliseconds(250)])
            #expect(outcome.summary == "openai: failed after 1 call, fatal (insufficientQuota); anthropic: failed after 2 calls, retryable (overloaded); template: answered")
        }
    }
}
