import Foundation
import GentaCore
import Hummingbird
import Synchronization

/// Per-request state passed through the middleware chain to the handlers.
public struct GentaRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The id that ties this request's log lines to its `X-Request-Id` response header.
    public var requestID: String = ""
    /// The signed-in account, set by `AuthMiddleware` on authenticated routes.
    public var user: UserAccount? {
        didSet { signedIn.record(user?.id) }
    }
    /// Who was signed in, seen by every copy of this context: middleware outside
    /// authentication (the error log) gets a copy from before the user was known.
    let signedIn = SignedInUser()
    /// What a signed-in page's session is known by (the local token, or Clerk's session id):
    /// its forms' CSRF tokens derive from it. Web pages only.
    public var csrfSeed: String?

    /// The client's IP address (the TCP peer; behind a proxy, the proxy's), for per-address limits.
    public var clientAddress: String?
    /// Whether the client is still connected: long waits stop when it has gone away.
    public let clientConnected: @Sendable () async -> Bool

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.clientAddress = source.channel.remoteAddress?.ipAddress
        let channel = source.channel
        self.clientConnected = {
            // In-process tests serve without the handler: their client is always there.
            guard let flag = try? await channel.pipeline.handler(type: ClientHangUpHandler.self).map(\.flag).get()  // ok: absent handler
            else { return true }
            return !flag.isSet
        }
    }

    /// The signed-in account; routes behind `AuthMiddleware` always have one.
    func requireUser() throws -> UserAccount {
        guard let user else {
            throw AppError(.unauthorized, code: "not_signed_in", message: "Sign in first.")
        }
        return user
    }
}

/// The signed-in user's id, shared by the copies of one request's context.
final class SignedInUser: Sendable {
    private let id = Mutex<UUID?>(nil)

    func record(_ value: UUID?) { id.withLock { $0 = value } }
    var value: UUID? { id.withLock { $0 } }
}
