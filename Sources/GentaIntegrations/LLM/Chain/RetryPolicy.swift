import GentaCore
import Foundation

/// How hard the chain tries one provider before moving on, and how long a student may wait in
/// all. The defaults keep the worst case near the budget: the first provider retried once after
/// at most 0.5 s, the others likewise, and nothing started once `budget` is spent.
public struct RetryPolicy: Sendable, Equatable {
    /// Calls per provider and request, the first included (at least 1).
    public var maxAttempts: Int
    /// The backoff ceiling before the first retry; it doubles for each retry after that.
    public var baseDelay: Duration
    /// The backoff ceiling never exceeds this.
    public var maxDelay: Duration
    /// A `Retry-After` up to this long is waited out; a longer one moves on to the next
    /// provider at once, since no student waits a minute for feedback.
    public var maxRetryAfter: Duration
    /// Measured from the start of `generate` with the chain's clock: no call or pause starts
    /// that would begin after it, and the template answers instead.
    public var budget: Duration

    public init(
        maxAttempts: Int = 2, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(4),
        maxRetryAfter: Duration = .seconds(5), budget: Duration = .seconds(25)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.budget = budget
    }

    /// The pause after failed call number `attempt` (1-based) before the next call to the same
    /// provider, or nil when the provider asked for a longer wait than `maxRetryAfter`.
    ///
    /// Without `retryAfter`: exponential backoff with full jitter, `unitRandom` (in [0, 1)) times
    /// `min(maxDelay, baseDelay · 2^(attempt − 1))`, so that many servers retrying after the same
    /// outage spread out instead of arriving together. With it: exactly what was asked.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?, unitRandom: Double) -> Duration? {
        if let retryAfter {
            return retryAfter <= maxRetryAfter ? retryAfter : nil
        }
        let exponent = Double(max(0, attempt - 1))
        let ceiling = min(maxDelay.timeInterval, baseDelay.timeInterval * pow(2, min(exponent, 62)))
        let fraction = unitRandom.isFinite ? min(max(unitRandom, 0), 1) : 0
        return Bounded.duration(seconds: ceiling * fraction, maximum: maxDelay) ?? .zero
    }
}
