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

    /// A 303 to `path` (after a post, so a reload does not post again).
    static func redirect(_ path: String, cookies: [String] = []) -> Response {
        var response = Response(status: .seeOther, headers: [.location: path, .cacheControl: "no-store"])
        for cookie in cookies { response.headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return response
    }
}
