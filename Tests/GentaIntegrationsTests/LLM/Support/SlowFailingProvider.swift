import Foundation
import GentaIntegrations

/// Fails with a timeout after moving the test clock, as a provider that hangs would.
final class SlowFailingProvider: FeedbackProvider, @unchecked Sendable {
    let name: String
    private let clock: TestClock
    private let seconds: Double
    private let lock = NSLock()
    private var count = 0

    init(name: String, clock: TestClock, takes seconds: Double) {
        self.name = name
        self.clock = clock
        self.seconds = seconds
    }

    var calls: Int { lock.withLock { count } }

    func generate(_ prompt: Prompt) async throws(ProviderError) -> FeedbackReply {
        lock.withLock { count += 1 }
        clock.advance(by: seconds)
        throw .retryable(.timeout, retryAfter: nil)
    }
}
