import Foundation
import GentaIntegrations
import GentaTestSupport
import Testing

extension LLM {
    /// Order, retries and fall-through, with in-memory providers and recorded sleeps.
    @Suite struct FeedbackChainTests {
        let clock = TestClock()

        func makeChain(
            _ providers: [any FeedbackProvider], retry: RetryPolicy = RetryPolicy(), random: Double = 0.5,
            sleeper: RecordingSleeper = RecordingSleeper(), breaker: CircuitBreakerPolicy = CircuitBreakerPolicy()
        ) -> FeedbackChain {
            FeedbackChain(
                providers: providers, retryPolicy: retry, breakerPolicy: breaker, clock: clock.wallClock, random: { random },
                sleep: sleeper.sleep, logger: quietLogger())
        }

        @Test func theFirstProviderThatAnswersWins() async {
            let first = ScriptedProvider("mistral", then: .success("dari mistral"))
            let second = ScriptedProvider("openai")
            let outcome = await makeChain([first, second]).generate(LLMFixture.analogy())
            #expect(outcome.reply.text == "dari mistral")
            #expect(outcome.reply.provider == "mistral")
            #expect(outcome.promptVersion == "id-v1")
            #expect(outcome.steps == [ProviderStep(provider: "mistral", result: .answered, calls: 1)])
            #expect(!outcome.usedFallback)
            #expect(second.calls == 0)
        }

        @Test func aFatalErrorFallsThroughWithoutRetry() async {
            let first = ScriptedProvider.failing("mistral", .fatal(.unauthorized(status: 401)))
            let second = ScriptedProvider("openai", then: .success("dari openai"))
            let sleeper = RecordingSleeper()
            let outcome = await makeChain([first, second], sleeper: sleeper).generate(LLMFixture.analogy())
            #expect(outcome.reply.provider == "openai")
            #expect(first.calls == 1)
            #expect(sleeper.delays.isEmpty)
            #expect(outcome.steps.map(\.result) == [.failed(.fatal(.unauthorized(status: 401))), .answered])
            #expect(outcome.summary == "mistral: failed after 1 call, fatal (unauthorized(status: 401)); openai: answered")
        }

        @Test func malformedAnswersFallThroughWithoutRetry() async {
            let first = ScriptedProvider.failing("mistral", .malformedResponse("not JSON"))
            let outcome = await makeChain([first, ScriptedProvider("openai")]).generate(LLMFixture.analogy())
            #expect(first.calls == 1)
            #expect(outcome.reply.provider == "openai")
        }

        @Test func transientErrorsAreRetriedWithJitteredExponentialBackoff() async {
            let flaky = ScriptedProvider(
                "mistral",
                [.failure(.retryable(.serverError(status: 503), retryAfter: nil)), .failure(.retryable(.timeout, retryAfter: nil)),
                 .failure(.retryable(.connection, retryAfter: nil))],
                then: .success("akhirnya"))
            let sleeper = RecordingSleeper()
            let retry = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(500), maxDelay: .milliseconds(1500))
            // A threshold above the failures, so that the circuit does not cut the retries short.
            let breaker = CircuitBreakerPolicy(failureThreshold: 10)
            let outcome = await makeChain([flaky], retry: retry, random: 0.5, sleeper: sleeper, breaker: breaker)
                .generate(LLMFixture.analogy())
            #expect(outcome.reply.text == "akhirnya")
            #expect(flaky.calls == 4)
            // Half (the fixed random draw) of 0.5 s, 1 s, then 2 s capped at 1.5 s.
            #expect(sleeper.delays == [.milliseconds(250), .milliseconds(500), .milliseconds(750)])
            #expect(outcome.steps == [ProviderStep(provider: "mistral", result: .answered, calls: 4, delays: sleeper.delays)])
        }

        @Test func fullJitterSpansZeroToTheCeiling() {
            let policy = RetryPolicy(baseDelay: .milliseconds(500), maxDelay: .seconds(4))
            #expect(policy.delay(afterAttempt: 1, retryAfter: nil, unitRandom: 0) == .zero)
            #expect(policy.delay(afterAttempt: 1, retryAfter: nil, unitRandom: 0.999) == .milliseconds(500))
            #expect(policy.delay(afterAttempt: 3, retryAfter: nil, unitRandom: 0.25) == .milliseconds(500))
            #expect(policy.delay(afterAttempt: 60, retryAfter: nil, unitRandom: 1) == .seconds(4))
        }

        @Test func anOpeningCircuitEndsTheRetries() async {
            let failing = ScriptedProvider.failing("mistral", .retryable(.serverError(status: 500), retryAfter: nil))
            let retry = RetryPolicy(maxAttempts: 5)
            let breaker = CircuitBreakerPolicy(failureThreshold: 2)
            let outcome = await makeChain([failing], retry: retry, breaker: breaker).generate(LLMFixture.analogy())
            #expect(failing.calls == 2)
            #expect(outcome.usedFallback)
        }

        @Test func retryAfterIsHonouredExactly() async {
            let limited = ScriptedProvider("mistral", [.failure(.retryable(.rateLimited, retryAfter: .seconds(2)))], then: .success("ok"))
            let sleeper = RecordingSleeper()
            let outcome = await makeChain([limited], sleeper: sleeper).generate(LLMFixture.analogy())
            #expect(sleeper.delays == [.seconds(2)])
            #expect(outcome.reply.provider == "mistral")
        }

        @Test func aRetryAfterBeyondTheCapMovesOnAtOnce() async {
            let limited = ScriptedProvider.failing("mistral", .retryable(.rateLimited, retryAfter: .seconds(60)))
            let sleeper = RecordingSleeper()
            let outcome = await makeChain([limited, ScriptedProvider("openai")], sleeper: sleeper).generate(LLMFixture.analogy())
            #expect(limited.calls == 1)
            #expect(sleeper.delays.isEmpty)
            #expect(outcome.reply.provider == "openai")
        }

        @Test func whenEveryProviderFailsTheTemplateAnswers() async {
            let providers = [
                ScriptedProvider.failing("mistral", .retryable(.overloaded, retryAfter: nil)),
                ScriptedProvider.failing("openai", .fatal(.insufficientQuota)),
                ScriptedProvider.failing("anthropic", .fatal(.spendCap)),
            ]
            let outcome = await makeChain(providers).generate(LLMFixture.analogy())
            #expect(outcome.usedFallback)
            #expect(outcome.reply.model == "template")
            #expect(outcome.reply.text.contains("belum tepat"))
            #expect(outcome.steps.map(\.provider) == ["mistral", "openai", "anthropic", "template"])
            #expect(outcome.steps.map(\.calls) == [2, 1, 1, 1])
        }

        @Test func withNoProvidersTheTemplateAnswers() async {
            let chain = makeChain([TemplateFeedbackProvider()])
            #expect(chain.providerNames == ["template"])
            let outcome = await chain.generate(LLMFixture.analogy(answer: .b, language: .english))
            #expect(outcome.reply.provider == "template")
            #expect(outcome.promptVersion == "en-v1")
            #expect(outcome.steps == [ProviderStep(provider: "template", result: .answered, calls: 1)])
        }

        @Test func nothingStartsOnceTheBudgetIsSpent() async {
            // Each failed call "takes" four seconds of the test clock.
            let slow = SlowFailingProvider(name: "mistral", clock: clock, takes: 4)
            let next = ScriptedProvider("openai")
            let retry = RetryPolicy(maxAttempts: 3, budget: .seconds(5))
            let sleeper = RecordingSleeper(advancing: clock)
            let outcome = await makeChain([slow, next], retry: retry, random: 0.9, sleeper: sleeper).generate(LLMFixture.analogy())
            // After 4 s a pause of 0.45 s still fits; after the second call (8.45 s) nothing does.
            #expect(slow.calls == 2)
            #expect(next.calls == 0)
            #expect(outcome.steps.map(\.result) == [
                .failed(.retryable(.timeout, retryAfter: nil)), .skippedBudgetSpent, .answered,
            ])
        }

        @Test func aCancelledRequestGetsTheTemplateAtOnce() async {
            let provider = ScriptedProvider("mistral")
            let chain = makeChain([provider])
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return await chain.generate(LLMFixture.analogy())
            }
            let outcome = await task.value
            #expect(outcome.usedFallback)
            #expect(provider.calls == 0)
        }
    }
}
