import GentaCore

/// The limiters of one running application, built once from `RequestLimits`.
struct CallerLimits: Sendable {
    let perUser: RateLimiter
    let concurrentPerUser: ConcurrencyLimiter
    let perAddress: RateLimiter
    let refusalDelay: Duration

    init(_ limits: RequestLimits) {
        perUser = RateLimiter(perMinute: limits.userPerMinute, burst: limits.userBurst)
        concurrentPerUser = ConcurrencyLimiter(limit: limits.userConcurrency)
        perAddress = RateLimiter(perMinute: limits.addressPerMinute, burst: limits.addressBurst)
        refusalDelay = limits.refusalDelay
    }

    /// Runs `body` for the signed-in `subject` when its rate and its requests in flight allow,
    /// before any database work; otherwise a 429 telling when to come back.
    func admit<T>(subject: String, _ body: () async throws -> T) async throws -> T {
        if case .refused(let seconds) = perUser.take(subject) {
            throw await refusal(AppError(.tooManyRequests, code: "rate_limited",
                message: "Too many requests from this account; try again in \(seconds) s.", retryAfterSeconds: seconds))
        }
        guard concurrentPerUser.enter(subject) else {
            throw await refusal(AppError(.tooManyRequests, code: "too_many_concurrent_requests",
                message: "This account already has \(concurrentPerUser.limit) requests in progress; wait for them to finish.",
                retryAfterSeconds: 1))
        }
        defer { concurrentPerUser.leave(subject) }
        return try await body()
    }

    /// Refuses a client address over its rate.
    func admit(address: String) async throws {
        if case .refused(let seconds) = perAddress.take(address) {
            throw await refusal(AppError(.tooManyRequests, code: "rate_limited",
                message: "Too many requests from your network; try again in \(seconds) s.", retryAfterSeconds: seconds))
        }
    }

    /// `error`, after the refusal pause (at most its `Retry-After`).
    private func refusal(_ error: AppError) async -> AppError {
        let pause = min(refusalDelay, .seconds(error.retryAfterSeconds ?? 0))
        if pause > .zero {
            do { try await Task.sleep(for: pause) } catch {}  // cancelled: answer now
        }
        return error
    }
}
