import GentaCore
import HTTPTypes
import Hummingbird

/// Form posts of the pages: `application/x-www-form-urlencoded`, at most 16 KiB.
enum WebForm {
    static let maximumBytes = 16 * 1024

    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        let body = try await request.collectBody(upTo: maximumBytes)
        do {
            return try URLEncodedFormDecoder().decode(type, from: String(buffer: body))
        } catch {
            throw AppError(.badRequest, code: "invalid_form", message: "The form was incomplete; go back and fill in every field.")
        }
    }

    /// To the sign-in page, which sends the student back to this page afterwards (to the
    /// dashboard after a form post, whose page cannot be fetched again).
    static func signIn(_ request: Request) -> Response {
        let back = request.method == .get ? request.uri.path + (request.uri.query.map { "?" + $0 } ?? "") : "/dasbor"
        return redirect("/masuk?lanjut=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "%2Fdasbor"))
    }

    /// `text` when it is a path on this site (`/…`, not `//host`, no backslash — browsers read
    /// `/\host` as another host —, no control characters, bounded); else the dashboard. Where
    /// to go after signing in must never be another site (an open redirect).
    static func localPath(_ text: String?) -> String {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), text.unicodeScalars.count <= 512,
            !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" })
        else { return "/dasbor" }
        return text
    }

    /// A 303 to `path` (after a post, so a reload does not post again).
    static func redirect(_ path: String, cookies: [String] = []) -> Response {
        var response = Response(status: .seeOther, headers: [.location: path, .cacheControl: "no-store"])
        for cookie in cookies { response.headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return response
    }
}
