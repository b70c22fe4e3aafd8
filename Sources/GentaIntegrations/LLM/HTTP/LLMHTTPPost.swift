import AsyncHTTPClient
import Foundation
import NIOCore

/// The one HTTP exchange every hosted provider makes: a JSON POST, bounded in time and size.
struct LLMHTTPPost: Sendable {
    let httpClient: HTTPClient
    let timeout: Duration

    /// A completion is a few KB; a body far larger is not a completion.
    static let maximumBodySize = 1024 * 1024

    /// Sends `body` to `url` and collects the whole answer within `timeout`. Any HTTP status is
    /// returned; only transport failures throw (timeouts and broken connections are retryable).
    func send(_ body: [UInt8], to url: String, headers: [(String, String)]) async throws(ProviderError) -> LLMHTTPResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        for (name, value) in headers {
            request.headers.add(name: name, value: value)
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        let client = httpClient
        let prepared = request
        let limit = TimeAmount(timeout)
        do {
            // AsyncHTTPClient's timeout ends when the response head arrives; the race also bounds
            // a body that trickles in.
            return try await Self.withinTimeout(timeout) {
                let response = try await client.execute(prepared, timeout: limit)
                let collected = try await response.body.collect(upTo: Self.maximumBodySize)
                return LLMHTTPResponse(
                    status: Int(response.status.code),
                    retryAfter: response.headers.first(name: "retry-after"),
                    retryAfterMilliseconds: response.headers.first(name: "retry-after-ms"),
                    body: Array(collected.readableBytesView))
            }
        } catch let error as ProviderError {
            throw error
        } catch {
            throw Self.classify(error)
        }
    }

    /// Transport failures: all transient except an oversized body.
    static func classify(_ error: any Error) -> ProviderError {
        if error is NIOTooManyBytesError {
            return .malformedResponse("answer larger than \(maximumBodySize) bytes")
        }
        let timeouts: [HTTPClientError] = [
            .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .tlsHandshakeTimeout,
        ]
        if let error = error as? HTTPClientError, timeouts.contains(error) {
            return .retryable(.timeout, retryAfter: nil)
        }
        return .retryable(.connection, retryAfter: nil)
    }

    private static func withinTimeout<T: Sendable>(
        _ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw ProviderError.retryable(.timeout, retryAfter: nil)
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }
}
