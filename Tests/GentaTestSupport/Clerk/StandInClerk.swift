import Hummingbird
import Logging

/// What the stand-in Clerk serves at `/.well-known/jwks.json`, changeable mid-test (key
/// rotation, an outage), and how many times it was asked.
public actor StandInClerkState {
    public private(set) var jwksFetches = 0
    private var document: [UInt8]
    private var status: HTTPResponse.Status = .ok

    public init(keys: [RSATestKey]) {
        document = jwksDocument(keys)
    }

    public func serve(_ keys: [RSATestKey], extraEntries: [[String: String]] = []) {
        document = jwksDocument(keys, extraEntries: extraEntries)
        status = .ok
    }

    /// Answers every fetch with `status` and no keys, as Clerk would during an outage.
    public func fail(with status: HTTPResponse.Status) {
        self.status = status
    }

    fileprivate func respond() -> Response {
        jwksFetches += 1
        guard status == .ok else { return Response(status: status) }
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: document)))
    }
}

/// Runs a stand-in Clerk Frontend API on 127.0.0.1 (a free port) for the duration of `body`,
/// which receives the JWKS URL. Nothing leaves the machine.
public func withStandInClerk<Result: Sendable>(
    _ state: StandInClerkState, _ body: @Sendable (_ jwksURL: String) async throws -> Result
) async throws -> Result {
    let router = Router()
    router.get("/.well-known/jwks.json") { _, _ in await state.respond() }
    return try await withLoopbackServer(router, label: "stand-in-clerk") { port in
        try await body("http://127.0.0.1:\(port)/.well-known/jwks.json")
    }
}
