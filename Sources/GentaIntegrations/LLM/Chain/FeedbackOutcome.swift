/// What `FeedbackChain.generate` did: the feedback, and each provider's part in it for logs.
public struct FeedbackOutcome: Sendable, Equatable {
    /// Never empty: from a provider, or from the template.
    public var reply: FeedbackReply
    /// The prompt's version (`id-v1`), to store with the feedback.
    public var promptVersion: String
    /// The providers in the order considered, the one that answered last.
    public var steps: [ProviderStep]

    public init(reply: FeedbackReply, promptVersion: String, steps: [ProviderStep]) {
        self.reply = reply
        self.promptVersion = promptVersion
        self.steps = steps
    }

    /// Whether no configured provider answered and the template wrote the feedback.
    public var usedFallback: Bool { reply.provider == TemplateFeedbackProvider.modelName }

    /// One line for the log: `mistral: failed after 2 calls, retryable (rateLimited); openai:
    /// skipped (circuit open); template: answered`.
    public var summary: String {
        steps.map(\.description).joined(separator: "; ")
    }
}

/// One provider's part in a request.
public struct ProviderStep: Sendable, Equatable, CustomStringConvertible {
    /// How it went.
    public enum Result: Sendable, Equatable {
        case answered
        /// Its last call failed with this error (after `calls` calls).
        case failed(ProviderError)
        /// Not called: its circuit is open, or a trial call is already in flight.
        case skippedCircuitOpen
        /// Not called: the request's time budget was spent.
        case skippedBudgetSpent
    }

    /// The provider's name.
    public var provider: String
    /// How it went.
    public var result: Result
    /// Calls made (0 when skipped).
    public var calls: Int
    /// The pauses slept before each retry, in order.
    public var delays: [Duration]

    public init(provider: String, result: Result, calls: Int, delays: [Duration] = []) {
        self.provider = provider
        self.result = result
        self.calls = calls
        self.delays = delays
    }

    public var description: String {
        switch result {
        case .answered:
            return calls > 1 ? "\(provider): answered on call \(calls)" : "\(provider): answered"
        case .failed(let error):
            return "\(provider): failed after \(calls) call\(calls == 1 ? "" : "s"), \(error)"
        case .skippedCircuitOpen:
            return "\(provider): skipped (circuit open)"
        case .skippedBudgetSpent:
            return "\(provider): skipped (time budget spent)"
        }
    }
}
