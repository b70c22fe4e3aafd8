import Foundation
import GentaCore
import Logging

/// Writes feedback with the first provider that can: each in order, retried with backoff on
/// transient errors, skipped while its circuit is open; the offline template answers when none
/// does, so `generate` always returns feedback.
///
/// An actor because the circuit breakers are shared by all requests: one request's failures
/// spare the next ones the wait. Provider calls run outside the actor's exclusive access (the
/// actor is reentrant across `await`), so requests do not queue behind each other.
public actor FeedbackChain {
    /// Pauses between retries; tests record instead of sleeping. Throws when cancelled.
    public typealias Sleep = @Sendable (Duration) async throws -> Void
    /// A number in [0, 1) for backoff jitter; tests fix it.
    public typealias UnitRandom = @Sendable () -> Double

    private let providers: [any FeedbackProvider]
    private var breakers: [CircuitBreaker]
    private let fallback = TemplateFeedbackProvider()
    /// Attempts, backoff and time budget.
    public nonisolated let retryPolicy: RetryPolicy
    /// When a provider's circuit opens and for how long.
    public nonisolated let breakerPolicy: CircuitBreakerPolicy
    private let clock: WallClock
    private let random: UnitRandom
    private let sleep: Sleep
    private let logger: Logger

    /// - Parameters:
    ///   - providers: Tried in this order; the template need not be listed (it always answers
    ///     last) and is ignored if it is.
    ///   - clock: Measures the time budget and the circuits' cool-downs.
    ///   - random: Jitter for the backoff.
    ///   - sleep: How to wait between retries.
    ///   - logger: A warning when the template had to answer, with the summary of why.
    public init(
        providers: [any FeedbackProvider], retryPolicy: RetryPolicy = RetryPolicy(),
        breakerPolicy: CircuitBreakerPolicy = CircuitBreakerPolicy(), clock: WallClock,
        random: @escaping UnitRandom = { Double.random(in: 0..<1) },
        sleep: @escaping Sleep = { try await Task.sleep(for: $0) },
        logger: Logger = Logger(label: "genta.llm.chain")
    ) {
        self.providers = providers.filter { $0.name != TemplateFeedbackProvider.modelName }
        self.breakers = self.providers.map { _ in CircuitBreaker(policy: breakerPolicy) }
        self.retryPolicy = retryPolicy
        self.breakerPolicy = breakerPolicy
        self.clock = clock
        self.random = random
        self.sleep = sleep
        self.logger = logger
    }

    /// Whether any provider besides the template is configured.
    public nonisolated var hasModels: Bool { !providers.isEmpty }

    /// The providers' names in the order tried, the template last.
    public nonisolated var providerNames: [String] {
        providers.map(\.name) + [TemplateFeedbackProvider.modelName]
    }

    /// The circuit of the provider called `name`; nil for an unknown name and the template.
    public func circuitState(of name: String) -> CircuitState? {
        providers.firstIndex { $0.name == name }.map { breakers[$0].state(at: clock.now()) }
    }

    /// Feedback for `request` with the prompt of its language (`PromptTemplates`).
    public func generate(_ request: FeedbackRequest) async -> FeedbackOutcome {
        await generate(PromptTemplates.prompt(for: request))
    }

    /// Feedback for `prompt`. Never fails: when every provider fails, is skipped, the time
    /// budget is spent or the task is cancelled, the template writes it.
    public func generate(_ prompt: Prompt) async -> FeedbackOutcome {
        let started = clock.now()
        var steps: [ProviderStep] = []
        for index in providers.indices {
            if Task.isCancelled { break }
            guard elapsed(since: started) < retryPolicy.budget else {
                steps.append(ProviderStep(provider: providers[index].name, result: .skippedBudgetSpent, calls: 0))
                continue
            }
            guard let admission = breakers[index].admit(at: clock.now()) else {
                steps.append(ProviderStep(provider: providers[index].name, result: .skippedCircuitOpen, calls: 0))
                continue
            }
            let (step, reply) = await call(index, admission: admission, prompt: prompt, started: started)
            steps.append(step)
            if let reply {
                return FeedbackOutcome(reply: reply, promptVersion: prompt.version, steps: steps)
            }
        }
        let reply = fallback.write(prompt)
        steps.append(ProviderStep(provider: fallback.name, result: .answered, calls: 1))
        let outcome = FeedbackOutcome(reply: reply, promptVersion: prompt.version, steps: steps)
        if !providers.isEmpty {
            logger.warning("Feedback from the template", metadata: ["providers": "\(outcome.summary)"])
        }
        return outcome
    }

    /// Calls provider `index` until it answers, fails for good, runs out of attempts or the
    /// budget; updates its circuit after every call.
    private func call(
        _ index: Int, admission: CircuitBreaker.Admission, prompt: Prompt, started: Date
    ) async -> (ProviderStep, FeedbackReply?) {
        let provider = providers[index]
        let attempts = admission == .trial ? 1 : retryPolicy.maxAttempts
        var delays: [Duration] = []
        var calls = 0
        while true {
            calls += 1
            let error: ProviderError
            do throws(ProviderError) {
                let reply = try await provider.generate(prompt)
                breakers[index].recordSuccess()
                return (ProviderStep(provider: provider.name, result: .answered, calls: calls, delays: delays), reply)
            } catch let failure {
                error = failure
            }
            let failed = ProviderStep(provider: provider.name, result: .failed(error), calls: calls, delays: delays)
            // A cancelled request says nothing about the provider's health.
            guard !Task.isCancelled else {
                breakers[index].abandonTrial()
                return (failed, nil)
            }
            breakers[index].recordFailure(at: clock.now())
            guard case .retryable(_, let retryAfter) = error, calls < attempts,
                breakers[index].state(at: clock.now()) == .closed,
                let delay = retryPolicy.delay(afterAttempt: calls, retryAfter: retryAfter, unitRandom: random()),
                elapsed(since: started) + delay < retryPolicy.budget
            else {
                return (failed, nil)
            }
            do {
                try await sleep(delay)
            } catch {
                return (failed, nil)
            }
            delays.append(delay)
        }
    }

    private func elapsed(since start: Date) -> Duration {
        Bounded.duration(seconds: clock.now().timeIntervalSince(start), maximum: .seconds(86_400)) ?? .zero
    }
}
