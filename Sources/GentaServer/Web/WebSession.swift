import Crypto
import Foundation
import GentaCore
import GentaIntegrations
import GentaStore
import Hummingbird

/// Signs the page's caller in from the `__session` cookie, the same token and the same account
/// resolution as the API, under the same per-user limits. A page without a valid cookie is
/// served signed out; pages that need an account redirect to the sign-in page themselves.
struct WebSessionMiddleware: RouterMiddleware {
    typealias Context = GentaRequestContext
    let verifier: any TokenVerifier
    let users: UserQueries
    let limits: CallerLimits

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = WebCookies.value("__session", in: request),
            let identity = try? await verifier.verify(token),  // ok: an expired or foreign cookie means signed out
            case .success = DatabaseText.checked(identity.subject, maximum: 255)
        else { return try await next(request, context) }
        return try await limits.admit(subject: identity.subject) {
            var context = context
            context.user = try await users.resolve(SignInIdentity(
                subject: identity.subject, email: identity.email, fullName: identity.fullName, role: identity.role))
            // A Clerk session token is renewed every minute; its session id is what stays, so
            // a form stays valid across renewals. A local token is the session itself.
            context.csrfSeed = identity.sessionID.map { "sid|" + $0 } ?? token
            return try await next(request, context)
        }
    }
}

/// Forms posted with the session cookie carry a token only our own page can know: derived from
/// the session (the local token, or Clerk's session id), which no other site can read.
enum WebCSRF {
    static func token(for seed: String) -> String {
        SHA256.hash(data: Data(("genta-csrf|" + seed).utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    /// Throws 403 unless `sent` is this session's token (compared in constant time).
    static func check(_ sent: String?, seed: String?) throws {
        guard let seed, let sent else { throw refused }
        let expected = Array(token(for: seed).utf8), given = Array(sent.utf8)
        guard expected.count == given.count, zip(expected, given).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else { throw refused }
    }

    static let refused = AppError(.forbidden, code: "csrf_token_invalid",
        message: "This form has expired or did not come from Genta. Reload the page and try again.")
}

/// Turns errors on the pages into an HTML page with the same status and message the API uses.
struct WebErrorMiddleware: RouterMiddleware {
    typealias Context = GentaRequestContext
    let pages: WebPages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as AppError {
            let frame = PageFrame(language: .of(request), signedIn: context.user != nil, csrf: nil)
            // A free quota used up is an offer too: Premium lifts it.
            let quota = ["daily_limit_reached", "tryout_limit_reached"].contains(error.code)
            var response = pages.render("error", ["message": error.message, "code": error.code, "premium_offer": quota], page: frame,
                status: ErrorMiddleware.status(of: error.kind))
            if let seconds = error.retryAfterSeconds { response.headers[.retryAfter] = String(seconds) }
            return response
        }
    }
}
