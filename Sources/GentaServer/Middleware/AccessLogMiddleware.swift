import GentaCore
import Hummingbird
import Logging

/// One log line per request: method, route template, status, duration and (from the logger's
/// metadata) the request id. Never the raw path's query, a token, or an e-mail address.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = GentaRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        context.logger.info("request", metadata: [
            "method": "\(request.method)",
            "route": "\(context.endpointPath ?? "NotFound")",
            "status": "\(response.status.code)",
            "duration_ms": "\((elapsed.timeInterval * 100_000).rounded() / 100)",
        ])
        return response
    }
}
