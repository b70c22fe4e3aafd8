import GentaCore
import GentaIntegrations
import GentaStore
import Hummingbird

/// Verifies the session token (Bearer header or `__session` cookie), admits the caller under
/// its per-user limits, and loads the account, creating it on the first authenticated request.
///
/// The limits are checked after the token is verified (pure computation) and before the
/// account is read, so a caller over its limits never reaches the database.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = GentaRequestContext
    let verifier: any TokenVerifier
    let users: UserQueries
    let limits: CallerLimits
    let cookieWrites: CookieWriteGuard

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let (token, source) = SessionTokenExtractor.find(
            authorization: request.headers[.authorization], cookie: request.headers[.cookie])
        else { throw AuthError.missingToken.appError }
        let identity: VerifiedIdentity
        do {
            identity = try await verifier.verify(token)
        } catch {
            let refusal = error.appError
            // Never the token itself: the code says enough to tell an attack from a clock problem.
            context.logger.notice("sign-in refused", metadata: ["code": "\(refusal.code)", "token_source": "\(source)"])
            throw refusal
        }
        // The subject is stored as `users.clerk_id`, VARCHAR(255); Clerk's ids are short, so a
        // longer one is a token no account can belong to.
        guard case .success = DatabaseText.checked(identity.subject, maximum: 255) else {
            throw AppError(.unauthorized, code: "invalid_token", message: "The session token's subject is not a valid account id.")
        }
        if source == .cookie { try cookieWrites.check(request) }
        return try await limits.admit(subject: identity.subject) {
            var context = context
            let user = try await users.resolve(SignInIdentity(
                subject: identity.subject, email: identity.email, fullName: identity.fullName, role: identity.role))
            context.user = user
            context.logger[metadataKey: "user_id"] = .string(user.id.wire)
            return try await next(request, context)
        }
    }
}
