import GentaCore
import Synchronization

/// Token buckets per key (a signed-in user, a client address), held in memory.
///
/// Limits are about fairness on this instance, not accounting: losing them on restart is fine,
/// and several instances each apply their own. Buckets that have refilled are forgotten once the
/// table grows, so a stream of new addresses cannot grow memory without bound.
final class RateLimiter: Sendable {
    let perMinute: Int
    let burst: Int
    private struct State {
        var buckets: [String: TokenBucket] = [:]
        var lastSweep = -Double.infinity
    }
    private let state = Mutex(State())
    /// Seconds on a monotonic clock; tests step it.
    private let now: @Sendable () -> Double
    /// Above this many keys, refilled buckets are swept out before another is added (at most
    /// once a second, so a stream of new keys cannot make every request pay for a sweep).
    private let sweepThreshold: Int

    init(perMinute: Int, burst: Int, sweepThreshold: Int = 10_000, now: (@Sendable () -> Double)? = nil) {
        self.perMinute = perMinute
        self.burst = burst
        self.sweepThreshold = sweepThreshold
        let epoch = ContinuousClock.now
        self.now = now ?? { (ContinuousClock.now - epoch).timeInterval }
    }

    func take(_ key: String) -> TokenBucket.Decision {
        let now = now()
        return state.withLock { state in
            if state.buckets[key] == nil {
                if state.buckets.count >= sweepThreshold, now - state.lastSweep >= 1 {
                    state.buckets = state.buckets.filter { !$0.value.isFull(now: now) }
                    state.lastSweep = now
                }
                state.buckets[key] = TokenBucket(capacity: burst, refillPerSecond: Double(perMinute) / 60, now: now)
            }
            return state.buckets[key]!.take(now: now)
        }
    }

    var trackedKeys: Int { state.withLock { $0.buckets.count } }
}

/// How many requests each key has in flight, refused beyond `limit`.
///
/// This is what stops one account holding hundreds of connections from queueing everyone else
/// behind its row lock and the database pool: its surplus is turned away before any database
/// work starts.
final class ConcurrencyLimiter: Sendable {
    let limit: Int
    private let inFlight = Mutex<[String: Int]>([:])

    init(limit: Int) {
        self.limit = limit
    }

    /// Takes a place for `key`; false when it already has `limit` requests running.
    func enter(_ key: String) -> Bool {
        inFlight.withLock { inFlight in
            let running = inFlight[key, default: 0]
            guard running < limit else { return false }
            inFlight[key] = running + 1
            return true
        }
    }

    func leave(_ key: String) {
        inFlight.withLock { inFlight in
            let running = inFlight[key, default: 1] - 1
            inFlight[key] = running > 0 ? running : nil
        }
    }
}
