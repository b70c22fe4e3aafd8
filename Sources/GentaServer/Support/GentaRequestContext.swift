import GentaCore
import Hummingbird

/// Per-request state passed through the middleware chain to the handlers.
public struct GentaRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The id that ties this request's log lines to its `X-Request-Id` response header.
    public var requestID: String = ""
    /// The signed-in account, set by `AuthMiddleware` on authenticated routes.
    public var user: UserAccount?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// The signed-in account; routes behind `AuthMiddleware` always have one.
    func requireUser() throws -> UserAccount {
        guard let user else {
            throw AppError(.unauthorized, code: "not_signed_in", message: "Sign in first.")
        }
        return user
    }
}
