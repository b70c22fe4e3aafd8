@testable import GentaServer
import Synchronization
import Testing

@Suite("Rate limiter memory")
struct RateLimiterTests {
    @Test("refilled buckets are forgotten once the table is full, so new keys cannot grow it for ever")
    func sweep() {
        let clock = Mutex(100.0)
        let limiter = RateLimiter(perMinute: 60, burst: 1, sweepThreshold: 3, now: { clock.withLock { $0 } })
        for key in ["a", "b", "c"] { #expect(limiter.take(key) == .allowed) }
        #expect(limiter.take("a") == .refused(retryAfterSeconds: 1), "a's only token is spent")
        #expect(limiter.trackedKeys == 3)
        clock.withLock { $0 += 1.5 }  // one token a second: all full again
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

@Suite("Client address behind a proxy")
struct ClientAddressTests {
    let proxies: Set<String> = ["10.0.0.2", "10.0.0.3"]

    @Test("from a trusted proxy, the right-most address that is not a proxy is the client")
    func trusted() {
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: "203.0.113.7", trustedProxies: proxies) == "203.0.113.7")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: "1.1.1.1, 203.0.113.7, 10.0.0.3", trustedProxies: proxies)
            == "203.0.113.7", "what the client wrote on the left is not believed")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: "2001:DB8::1", trustedProxies: proxies) == "2001:db8::1")
    }

    @Test("from anyone else the header is ignored; garbage from a proxy leaves the proxy's address")
    func untrusted() {
        #expect(ClientAddress.resolve(peer: "198.51.100.9", forwardedFor: "203.0.113.7", trustedProxies: proxies) == "198.51.100.9")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: "<script>", trustedProxies: proxies) == "10.0.0.2")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: nil, trustedProxies: proxies) == "10.0.0.2")
        #expect(ClientAddress.resolve(peer: nil, forwardedFor: "203.0.113.7", trustedProxies: proxies) == nil)
    }
}
