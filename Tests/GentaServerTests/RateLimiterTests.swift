@testable import GentaServer
import Testing

@Suite("Rate limiter memory")
struct RateLimiterTests {
    @Test("refilled buckets are forgotten once the table is full, so new keys cannot grow it for ever")
    func sweep() async throws {
        let limiter = RateLimiter(perMinute: 60_000, burst: 1, sweepThreshold: 3)
        for key in ["a", "b", "c"] { #expect(limiter.take(key) == .allowed) }
        #expect(limiter.take("a") == .refused(retryAfterSeconds: 1), "a's only token is spent")
        #expect(limiter.trackedKeys == 3)
        try await Task.sleep(for: .milliseconds(20))  // 1,000 tokens a second: all full again
        #expect(limiter.take("d") == .allowed)
        #expect(limiter.trackedKeys == 1, "a, b and c had refilled: only d is left")
    }

    @Test("a concurrency place is given back, and a key with none left holds no memory")
    func concurrency() {
        let limiter = ConcurrencyLimiter(limit: 2)
        #expect(limiter.enter("s") && limiter.enter("s"))
        #expect(!limiter.enter("s"))
        limiter.leave("s")
        #expect(limiter.enter("s"))
        limiter.leave("s")
        limiter.leave("s")
        #expect(limiter.enter("s") && limiter.enter("s") && !limiter.enter("s"))
    }
}
