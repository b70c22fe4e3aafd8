import GentaCore

extension OpenAIErrorBody {
    /// What a non-2xx answer from an OpenAI-compatible server means for the chain.
    static func classify(_ response: LLMHTTPResponse, clock: WallClock) -> ProviderError {
        let body = JSONBody.decode(OpenAIErrorBody.self, from: response.body)
        let retryAfter = RetryAfter.duration(of: response, clock: clock)
        switch response.status {
        case 401, 403:
            return .fatal(.unauthorized(status: response.status))
        case 429:
            // An empty account answers 429 too, but waiting does not refill it.
            let quota = "insufficient_quota"
            if body?.code?.value == quota || body?.type == quota {
                return .fatal(.insufficientQuota)
            }
            return .retryable(.rateLimited, retryAfter: retryAfter)
        case 408, 409, 500...599:
            return .retryable(.serverError(status: response.status), retryAfter: retryAfter)
        default:
            return .fatal(.rejected(status: response.status))
        }
    }
}
