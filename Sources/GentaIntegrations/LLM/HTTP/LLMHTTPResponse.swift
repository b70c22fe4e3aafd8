/// What a provider answered at the HTTP level: the parts that decide success, retry or failure.
struct LLMHTTPResponse: Sendable {
    var status: Int
    /// `Retry-After`: seconds or an HTTP date.
    var retryAfter: String?
    /// `retry-after-ms`, which OpenAI sends beside `Retry-After` with finer resolution.
    var retryAfterMilliseconds: String?
    var body: [UInt8]

    var isSuccess: Bool { (200..<300).contains(status) }
}
