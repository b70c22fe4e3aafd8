import Hummingbird
import Metrics

/// Counts requests and records their latency per route template, method and status.
///
/// The route is the matched template (`/api/v1/sessions/{id}`), never the raw path, so the
/// number of time series stays bounded; paths no route matches share Hummingbird's label `NotFound`.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = GentaRequestContext
    let factory: any MetricsFactory

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context, status: response.status.code, since: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            record(request, context, status: status, since: start)
            throw error
        }
    }

    private func record(_ request: Request, _ context: Context, status: Int, since start: ContinuousClock.Instant) {
        let dimensions = [
            ("route", context.endpointPath ?? "NotFound"),
            ("method", request.method.rawValue),
            ("status", String(status)),
        ]
        Counter(label: "genta_http_requests_total", dimensions: dimensions, factory: factory).increment()
        let elapsed = ContinuousClock.now - start
        Timer(label: "genta_http_request_duration_seconds", dimensions: dimensions, factory: factory)
            .recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
    }
}
