import GentaCore

extension AnthropicErrorBody {
    /// What a non-2xx answer from Anthropic means for the chain.
    static func classify(_ response: LLMHTTPResponse, clock: WallClock) -> ProviderError {
        let retryAfter = RetryAfter.duration(of: response, clock: clock)
        switch response.status {
        case 401, 403:
            return .fatal(.unauthorized(status: response.status))
        case 429:
            // A rate limit says when to come back; a reached spend limit does not, and stays
            // reached until someone raises it.
            guard let retryAfter else { return .fatal(.spendCap) }
            return .retryable(.rateLimited, retryAfter: retryAfter)
        case 529:
            return .retryable(.overloaded, retryAfter: retryAfter)
        case 408, 409, 500...599:
            return .retryable(.serverError(status: response.status), retryAfter: retryAfter)
        default:
            return .fatal(.rejected(status: response.status))
        }
    }
}
