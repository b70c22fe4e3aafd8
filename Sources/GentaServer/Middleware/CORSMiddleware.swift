import Hummingbird

/// Lets browser front ends on the allowed origins call the API with Bearer tokens.
///
/// Credentials (cookies) are never allowed cross-origin: a page elsewhere can use the API only
/// with a token it holds. Other origins get no CORS headers, so browsers keep their responses
/// from them.
struct CORSMiddleware: RouterMiddleware {
    typealias Context = GentaRequestContext
    let allowedOrigins: Set<String>

    static let allowedMethods = "GET, POST, PATCH, PUT, DELETE"
    static let allowedHeaders = "Authorization, Content-Type, Idempotency-Key, X-Request-Id"
    static let exposedHeaders = "X-Request-Id, Retry-After"

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let origin = request.headers[.origin], allowedOrigins.contains(origin) else {
            return try await next(request, context)
        }
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var response = Response(status: .noContent)
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.accessControlAllowMethods] = Self.allowedMethods
            response.headers[.accessControlAllowHeaders] = Self.allowedHeaders
            response.headers[.accessControlMaxAge] = "600"
            response.headers[.vary] = "Origin"
            return response
        }
        var response = try await next(request, context)
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.accessControlExposeHeaders] = Self.exposedHeaders
        response.headers[.vary] = "Origin"
        return response
    }
}
