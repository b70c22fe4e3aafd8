import AsyncHTTPClient
import Logging
import NIOCore

/// Fetches the JWKS over HTTP with AsyncHTTPClient: either the Frontend API's public
/// `https://<frontend-api>/.well-known/jwks.json`, or the Backend API's
/// `https://api.clerk.com/v1/jwks` with the secret key as bearer token.
public struct HTTPJWKSFetcher: JWKSFetching {
    /// The JWKS address fetched.
    public let url: String
    private let secretKey: String?
    private let httpClient: HTTPClient
    private let timeout: Duration
    private let logger: Logger

    /// A key set is a few KB; anything far larger is not a key set.
    static let maximumBodySize = 1024 * 1024

    /// - Parameters:
    ///   - url: The JWKS address (`CLERK_JWKS_URL`).
    ///   - secretKey: Clerk's `sk_…`, sent as `Authorization: Bearer` (only the Backend API needs it).
    ///   - httpClient: Defaults to the process-wide shared client, which never needs shutting down.
    ///   - timeout: For the whole request; a sign-in waits on it when the cache is cold.
    ///   - logger: Why a fetch failed is logged here; callers only see `jwksUnavailable`.
    public init(
        url: String, secretKey: String? = nil, httpClient: HTTPClient = .shared, timeout: Duration = .seconds(5),
        logger: Logger = Logger(label: "genta.clerk.jwks")
    ) {
        self.url = url
        self.secretKey = secretKey
        self.httpClient = httpClient
        self.timeout = timeout
        self.logger = logger
    }

    public func fetchJWKS() async throws(AuthError) -> [UInt8] {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        if let secretKey {
            request.headers.add(name: "Authorization", value: "Bearer \(secretKey)")
        }
        do {
            let response = try await httpClient.execute(
                request, timeout: TimeAmount(timeout))
            guard (200..<300).contains(response.status.code) else {
                logger.warning("JWKS fetch refused", metadata: ["url": "\(url)", "status": "\(response.status.code)"])
                throw AuthError.jwksUnavailable
            }
            let body = try await response.body.collect(upTo: Self.maximumBodySize)
            return Array(body.readableBytesView)
        } catch let error as AuthError {
            throw error
        } catch {
            logger.warning("JWKS fetch failed", metadata: ["url": "\(url)", "error": "\(error)"])
            throw .jwksUnavailable
        }
    }
}
