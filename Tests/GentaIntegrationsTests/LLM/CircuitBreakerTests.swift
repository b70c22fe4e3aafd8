import Foundation
import GentaIntegrations
import GentaTestSupport
import Testing

extension LLM {
    /// The per-provider circuit: opening after consecutive failures, the cool-down on the injected
    /// clock, the single half-open trial, closing again.
    @Suite struct CircuitBreakerTests {
        let clock = TestClock()

        func makeChain(_ providers: [any FeedbackProvider], threshold: Int = 3, coolDown: Duration = .seconds(30)) -> FeedbackChain {
            FeedbackChain(
                providers: providers, retryPolicy: RetryPolicy(maxAttempts: 1),
                breakerPolicy: CircuitBreakerPolicy(failureThreshold: threshold, coolDown: coolDown), clock: clock.wallClock,
                random: { 0 }, sleep: { _ in }, logger: quietLogger())
        }

        @Test func opensAfterConsecutiveFailuresAndSkipsTheProvider() async {
            let broken = ScriptedProvider.failing("mistral", .retryable(.serverError(status: 500), retryAfter: nil))
            let backup = ScriptedProvider("openai")
            let chain = makeChain([broken, backup])
            for _ in 0..<3 {
                _ = await chain.generate(LLMFixture.analogy())
            }
            #expect(await chain.circuitState(of: "mistral") == .open)
            let outcome = await chain.generate(LLMFixture.analogy())
            #expect(broken.calls == 3)
            #expect(outcome.steps.first == ProviderStep(provider: "mistral", result: .skippedCircuitOpen, calls: 0))
            #expect(outcome.reply.provider == "openai")
        }

        @Test func aSuccessResetsTheCount() async {
            let flaky = ScriptedProvider(
                "mistral",
                [.failure(.fatal(.rejected(status: 400))), .failure(.fatal(.rejected(status: 400))), .success("ok"),
                 .failure(.fatal(.rejected(status: 400))), .failure(.fatal(.rejected(status: 400)))])
            let chain = makeChain([flaky])
            for _ in 0..<5 {
                _ = await chain.generate(LLMFixture.analogy())
            }
            #expect(await chain.circuitState(of: "mistral") == .closed)
        }

        @Test func halfOpenAfterTheCoolDownAndClosesOnASuccessfulTrial() async {
            let provider = ScriptedProvider.failing("mistral", .retryable(.timeout, retryAfter: nil))
            let chain = makeChain([provider], threshold: 2, coolDown: .seconds(30))
            _ = await chain.generate(LLMFixture.analogy())
            _ = await chain.generate(LLMFixture.analogy())
            #expect(await chain.circuitState(of: "mistral") == .open)

            clock.advance(by: 29)
            _ = await chain.generate(LLMFixture.analogy())
            #expect(provider.calls == 2)

            clock.advance(by: 1)
            #expect(await chain.circuitState(of: "mistral") == .halfOpen)
            provider.answer(.success("pulih"))
            let outcome = await chain.generate(LLMFixture.analogy())
            #expect(outcome.reply.text == "pulih")
            #expect(await chain.circuitState(of: "mistral") == .closed)
            _ = await chain.generate(LLMFixture.analogy())
            #expect(provider.calls == 4)
        }

        @Test func aFailedTrialReopensForAnotherCoolDown() async {
            let provider = ScriptedProvider.failing("mistral", .fatal(.unauthorized(status: 401)))
            let chain = makeChain([provider], threshold: 1, coolDown: .seconds(10))
            _ = await chain.generate(LLMFixture.analogy())
            clock.advance(by: 10)
            let trial = await chain.generate(LLMFixture.analogy())
            #expect(trial.steps.first?.calls == 1)
            #expect(provider.calls == 2)
            #expect(await chain.circuitState(of: "mistral") == .open)
            clock.advance(by: 9)
            _ = await chain.generate(LLMFixture.analogy())
            #expect(provider.calls == 2)
            clock.advance(by: 1)
            _ = await chain.generate(LLMFixture.analogy())
            #expect(provider.calls == 3)
        }

        @Test func aTrialIsNeverRetried() async {
            let provider = ScriptedProvider.failing("mistral", .retryable(.overloaded, retryAfter: nil))
            let chain = FeedbackChain(
                providers: [provider], retryPolicy: RetryPolicy(maxAttempts: 3),
                breakerPolicy: CircuitBreakerPolicy(failureThreshold: 3, coolDown: .seconds(5)), clock: clock.wallClock,
                random: { 0 }, sleep: { _ in }, logger: quietLogger())
            _ = await chain.generate(LLMFixture.analogy())
            #expect(provider.calls == 3)
            #expect(await chain.circuitState(of: "mistral") == .open)
            clock.advance(by: 5)
            _ = await chain.generate(LLMFixture.analogy())
            #expect(provider.calls == 4)
        }

        @Test func onlyOneTrialAtATime() async throws {
            let gated = GatedProvider("mistral")
            let failing = ScriptedProvider.failing("mistral", .retryable(.timeout, retryAfter: nil))
            // Fails once (opening the circuit at a threshold of one), then holds calls at the gate.
            let chain = makeChain([SwitchingProvider(first: failing, then: gated)], threshold: 1, coolDown: .seconds(5))
            _ = await chain.generate(LLMFixture.analogy())
            #expect(await chain.circuitState(of: "mistral") == .open)
            clock.advance(by: 5)

            let trial = Task { await chain.generate(LLMFixture.analogy()) }
            var entries = gated.entries.makeAsyncIterator()
            await entries.next()
            // The trial is in flight: another request skips the provider.
            let during = await chain.generate(LLMFixture.analogy())
            #expect(during.steps.first?.result == .skippedCircuitOpen)
            gated.open()
            let outcome = await trial.value
            #expect(outcome.reply.provider == "mistral")
            #expect(await chain.circuitState(of: "mistral") == .closed)
        }

        @Test func unknownNamesHaveNoCircuit() async {
            let chain = makeChain([ScriptedProvider("mistral")])
            #expect(await chain.circuitState(of: "openai") == nil)
            #expect(await chain.circuitState(of: "template") == nil)
        }
    }
}
