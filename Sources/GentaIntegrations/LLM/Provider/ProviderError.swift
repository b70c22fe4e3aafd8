/// Why a provider gave no feedback, classified by what the chain should do about it.
public enum ProviderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Worth trying again after a pause: rate limits, server errors, overload, timeouts and
    /// broken connections. `retryAfter` is what the provider asked for, when it said.
    case retryable(Transient, retryAfter: Duration?)
    /// Trying again will not help until a person acts: a bad key, exhausted quota or spend cap,
    /// a request the provider refuses.
    case fatal(Permanent)
    /// The provider answered 2xx but not with usable feedback (not the documented JSON, or no
    /// text in it).
    case malformedResponse(String)

    /// The kinds of transient failure.
    public enum Transient: Sendable, Equatable {
        /// 429 with a `Retry-After` (OpenAI and Mistral also without one).
        case rateLimited
        /// 5xx, 408 or 409.
        case serverError(status: Int)
        /// Anthropic's 529.
        case overloaded
        /// No complete answer within the provider's timeout.
        case timeout
        /// The connection could not be made or broke.
        case connection
    }

    /// The kinds of permanent failure.
    public enum Permanent: Sendable, Equatable {
        /// 401 or 403: the key is wrong, revoked, or lacks access to the model.
        case unauthorized(status: Int)
        /// OpenAI's 429 `insufficient_quota`: the account has no credit left.
        case insufficientQuota
        /// Anthropic's 429 without `retry-after`: the workspace's spend limit is reached.
        case spendCap
        /// Any other 4xx (400 bad request, 404 unknown model, 413 too large…).
        case rejected(status: Int)
    }

    /// Whether the chain may call the same provider again for this request.
    public var isRetryable: Bool {
        if case .retryable = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .retryable(let cause, let retryAfter):
            let wait = retryAfter.map { ", retry after \($0)" } ?? ""
            return "retryable (\(cause)\(wait))"
        case .fatal(let cause):
            return "fatal (\(cause))"
        case .malformedResponse(let reason):
            return "malformed response (\(reason))"
        }
    }
}
