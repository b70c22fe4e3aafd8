import Hummingbird

/// Headers every response gets: `X-Content-Type-Options: nosniff`, so a browser never reads a
/// JSON answer as a script or a page; and, under `/api/`, `Cache-Control: no-store`, since those
/// answers belong to one signed-in student and must not be kept by a shared cache or the browser.
struct ResponseHeadersMiddleware: RouterMiddleware {
    typealias Context = GentaRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        if request.uri.path.hasPrefix("/api/") {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
