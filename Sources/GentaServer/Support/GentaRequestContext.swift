import GentaCore
import Hummingbird

/// Per-request state passed through the middleware chain to the handlers.
public struct GentaRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The id that ties this request's log lines to its `X-Request-Id` response header.
    public var requestID: String = ""
    /// The signed-in account, set by `AuthMiddleware` on authenticated routes.
    public var user: UserAccount?
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
