import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// An answer collected whole: status, headers and a body no larger than the exchange allows.
struct BoundedHTTPAnswer: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]

    var isSuccess: Bool { (200..<300).contains(status) }
}

/// Why no answer came back.
enum HTTPTransportFailure: Error, Sendable, Equatable {
    /// No complete answer within the time allowed.
    case timeout
    /// The connection could not be made or broke.
    case connection
    /// The body passed the size limit: whatever it is, it is not the answer expected.
    case tooLarge(limit: Int)
}

/// One HTTP request to an outside service, bounded in time and size: every external call
/// (LLM providers, Midtrans) goes through this, so none can hang a request or fill memory.
struct BoundedHTTPExchange: Sendable {
    let httpClient: HTTPClient
    let timeout: Duration
    let maximumBodySize: Int

    /// Sends the request and collects the whole answer within `timeout`. Any HTTP status is
    /// returned; only transport failures throw.
    func send(
        _ method: HTTPMethod, _ url: String, headers: [(String, String)], body: [UInt8]? = nil
    ) async throws(HTTPTransportFailure) -> BoundedHTTPAnswer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers {
            request.headers.add(name: name, value: value)
        }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let client = httpClient, prepared = request, limit = maximumBodySize, deadline = TimeAmount(timeout)
        do {
            // AsyncHTTPClient's timeout ends when the response head arrives; the race also bounds
            // a body that trickles in.
            return try await Self.withinTimeout(timeout) {
                let response = try await client.execute(prepared, timeout: deadline)
                let collected = try await response.body.collect(upTo: limit)
                return BoundedHTTPAnswer(
                    status: Int(response.status.code), headers: response.headers, body: Array(collected.readableBytesView))
            }
        } catch let failure as HTTPTransportFailure {
            throw failure
        } catch {
            throw classify(error)
        }
    }

    private func classify(_ error: any Error) -> HTTPTransportFailure {
        if error is NIOTooManyBytesError { return .tooLarge(limit: maximumBodySize) }
        let timeouts: [HTTPClientError] = [
            .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .tlsHandshakeTimeout,
        ]
        if let error = error as? HTTPClientError, timeouts.contains(error) { return .timeout }
        return .connection
    }

    private static func withinTimeout<T: Sendable>(
        _ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw HTTPTransportFailure.timeout
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }
}
