import AsyncHTTPClient

/// The one HTTP exchange every hosted provider makes: a JSON POST, bounded in time and size.
struct LLMHTTPPost: Sendable {
    let exchange: BoundedHTTPExchange

    /// A completion is a few KB; a body far larger is not a completion.
    static let maximumBodySize = 1024 * 1024

    init(httpClient: HTTPClient, timeout: Duration) {
        exchange = BoundedHTTPExchange(httpClient: httpClient, timeout: timeout, maximumBodySize: Self.maximumBodySize)
    }

    /// Sends `body` to `url`. Any HTTP status is returned; only transport failures throw
    /// (timeouts and broken connections are retryable, an oversized answer is malformed).
    func send(_ body: [UInt8], to url: String, headers: [(String, String)]) async throws(ProviderError) -> LLMHTTPResponse {
        let json = [("Content-Type", "application/json"), ("Accept", "application/json")]
        do throws(HTTPTransportFailure) {
            let answer = try await exchange.send(.POST, url, headers: json + headers, body: body)
            return LLMHTTPResponse(
                status: answer.status,
                retryAfter: answer.headers.first(name: "retry-after"),
                retryAfterMilliseconds: answer.headers.first(name: "retry-after-ms"),
                body: answer.body)
        } catch {
            switch error {
            case .tooLarge(let limit): throw .malformedResponse("answer larger than \(limit) bytes")
            case .timeout: throw .retryable(.timeout, retryAfter: nil)
            case .connection: throw .retryable(.connection, retryAfter: nil)
            }
        }
    }
}
