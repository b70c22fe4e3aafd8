import Foundation
import GentaIntegrations

/// An in-memory provider answering from a script, for chain tests that are about order,
/// retries and circuits rather than HTTP.
final class ScriptedProvider: FeedbackProvider, @unchecked Sendable {
    let name: String
    private let lock = NSLock()
    private var script: [Result<String, ProviderError>]
    private var fallback: Result<String, ProviderError>
    private var callCount = 0

    /// Answers with `script` in order, then with `then` forever.
    init(_ name: String, _ script: [Result<String, ProviderError>] = [], then: Result<String, ProviderError> = .success("ok")) {
        self.name = name
        self.script = script
        self.fallback = then
    }

    static func failing(_ name: String, _ error: ProviderError) -> ScriptedProvider {
        ScriptedProvider(name, then: .failure(error))
    }

    var calls: Int { lock.withLock { callCount } }

    /// From now on, answer with `result`.
    func answer(_ result: Result<String, ProviderError>) {
        lock.withLock {
            script = []
            fallback = result
        }
    }

    func generate(_ prompt: Prompt) async throws(ProviderError) -> FeedbackReply {
        let next = lock.withLock {
            callCount += 1
            return script.isEmpty ? fallback : script.removeFirst()
        }
        let text = try next.get()
        return FeedbackReply(text: text, model: "\(name):scripted", provider: name, inputTokens: 10, outputTokens: 20, latency: .zero)
    }
}

/// Records the pauses the chain asks for instead of sleeping; optionally moves a test clock
/// by each, as real time would.
final class RecordingSleeper: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Duration] = []
    private let clock: TestClock?

    init(advancing clock: TestClock? = nil) {
        self.clock = clock
    }

    var delays: [Duration] { lock.withLock { recorded } }

    var sleep: FeedbackChain.Sleep {
        { [self] duration in
            lock.withLock { recorded.append(duration) }
            clock?.advance(by: Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
        }
    }
}

/// A provider that holds every call until released, to catch a call in flight.
final class GatedProvider: FeedbackProvider, @unchecked Sendable {
    let name: String
    private let entered: AsyncStream<Void>.Continuation
    let entries: AsyncStream<Void>
    private let lock = NSLock()
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var isOpen = false

    init(_ name: String) {
        self.name = name
        (entries, entered) = AsyncStream.makeStream(of: Void.self)
    }

    func open() {
        let pending = lock.withLock {
            isOpen = true
            defer { waiters = [] }
            return waiters
        }
        pending.forEach { $0.resume() }
    }

    func generate(_ prompt: Prompt) async throws(ProviderError) -> FeedbackReply {
        entered.yield()
        await withCheckedContinuation { continuation in
            let resumeNow = lock.withLock {
                if isOpen { return true }
                waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
        return FeedbackReply(text: "ok", model: "\(name):gated", provider: name, inputTokens: 1, outputTokens: 1, latency: .zero)
    }
}
