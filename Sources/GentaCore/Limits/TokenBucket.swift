/// A token bucket: `capacity` requests at once, refilled at `refillPerSecond`.
///
/// Time is passed in (seconds on a monotonic clock), so the rule is a pure function that tests
/// can step through without sleeping.
public struct TokenBucket: Sendable, Equatable {
    public let capacity: Double
    public let refillPerSecond: Double
    private(set) var tokens: Double
    private(set) var updatedAt: Double

    public init(capacity: Int, refillPerSecond: Double, now: Double) {
        self.capacity = Double(max(1, capacity))
        self.refillPerSecond = max(refillPerSecond, 1e-9)
        self.tokens = self.capacity
        self.updatedAt = now
    }

    public enum Decision: Sendable, Equatable {
        case allowed
        /// Refused; one token is back after this many seconds (at least 1, for `Retry-After`).
        case refused(retryAfterSeconds: Int)
    }

    /// Takes one token if there is one.
    public mutating func take(now: Double) -> Decision {
        refill(now: now)
        if tokens >= 1 {
            tokens -= 1
            return .allowed
        }
        let wait = (1 - tokens) / refillPerSecond
        return .refused(retryAfterSeconds: Bounded.integer(wait, in: 1...86_400) ?? 1)
    }

    /// True when the bucket has refilled completely: it then says nothing a new one would not.
    public func isFull(now: Double) -> Bool {
        tokens + max(0, now - updatedAt) * refillPerSecond >= capacity
    }

    private mutating func refill(now: Double) {
        guard now > updatedAt else { return }
        tokens = min(capacity, tokens + (now - updatedAt) * refillPerSecond)
        updatedAt = now
    }
}
