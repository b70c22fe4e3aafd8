import Foundation
import HTTPTypes
import Hummingbird

/// Gives every request an id, carried in its log metadata and returned in `X-Request-Id`.
///
/// A well-formed id sent by the client (or a proxy) is kept so that traces line up across
/// services; anything else is replaced, so a header cannot inject text into the logs.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = GentaRequestContext
    static let header = HTTPField.Name("X-Request-Id")!

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        let id = request.headers[Self.header].flatMap(Self.acceptable) ?? UUID().uuidString.lowercased()
        context.requestID = id
        context.logger[metadataKey: "request_id"] = .string(id)
        var response = try await next(request, context)
        response.headers[Self.header] = id
        return response
    }

    static func acceptable(_ candidate: String) -> String? {
        guard (8...128).contains(candidate.count),
            candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { return nil }
        return candidate
    }
}
