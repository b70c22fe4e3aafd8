import GentaCore
import GentaIntegrations
import GentaStore
import Hummingbird

/// Verifies the session token (Bearer header or `__session` cookie) and loads the account,
/// creating it on the first authenticated request.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = GentaRequestContext
    let verifier: any TokenVerifier
    let users: UserQueries

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let token = SessionTokenExtractor.token(
            authorization: request.headers[.authorization], cookie: request.headers[.cookie])
        else { throw AuthError.missingToken.appError }
        let identity: VerifiedIdentity
        do {
            identity = try await verifier.verify(token)
        } catch {
            throw error.appError
        }
        var context = context
        context.user = try await users.resolve(SignInIdentity(
            subject: identity.subject, email: identity.email, fullName: identity.fullName, role: identity.role))
        context.logger[metadataKey: "user_id"] = .string(context.user?.id.uuidString.lowercased() ?? "")
        return try await next(request, context)
    }
}
