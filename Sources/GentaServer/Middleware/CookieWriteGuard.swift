import GentaCore
import Hummingbird

/// Cross-site request forgery protection for the JSON API when the caller is signed in by its
/// `__session` cookie, which a browser attaches on its own, even to a request another site
/// makes it send.
///
/// A write (any method but GET, HEAD, OPTIONS) must then be `application/json` — a plain HTML
/// form cannot send that without a CORS preflight — and carry an `Origin` from
/// `GENTA_ALLOWED_ORIGINS`. Bearer tokens need neither: another site cannot make a browser add
/// them. (Genta's own web pages will post forms with their own CSRF tokens, outside `/api/v1`.)
struct CookieWriteGuard: Sendable {
    let allowedOrigins: Set<String>

    func check(_ request: Request) throws {
        guard ![.get, .head, .options].contains(request.method) else { return }
        guard let origin = request.headers[.origin], allowedOrigins.contains(origin) else {
            throw AppError(.forbidden, code: "origin_not_allowed",
                message: "A write signed in by cookie must come from an allowed origin (GENTA_ALLOWED_ORIGINS); send a Bearer token otherwise.")
        }
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType == "application/json" else {
            throw AppError(.unsupportedMediaType, code: "json_required",
                message: "A write signed in by cookie must send Content-Type: application/json.")
        }
    }
}
