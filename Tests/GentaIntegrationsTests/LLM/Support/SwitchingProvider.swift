import Foundation
import GentaIntegrations

/// Delegates the first call to `first` and every later one to `then`.
final class SwitchingProvider: FeedbackProvider, @unchecked Sendable {
    let name: String
    private let first: any FeedbackProvider
    private let then: any FeedbackProvider
    private let lock = NSLock()
    private var used = false

    init(first: any FeedbackProvider, then: any FeedbackProvider) {
        self.name = first.name
        self.first = first
        self.then = then
    }

    func generate(_ prompt: Prompt) async throws(ProviderError) -> FeedbackReply {
        let useFirst = lock.withLock {
            defer { used = true }
            return !used
        }
        return try await (useFirst ? first : then).generate(prompt)
    }
}
