import Crypto
import GentaCore
import GentaIntegrations
import Hummingbird
import Prometheus

/// `/metrics` in the Prometheus text exposition format; with `GENTA_METRICS_TOKEN` set, only for
/// scrapers that send it as a Bearer token.
struct MetricsController {
    let registry: PrometheusCollectorRegistry
    let token: String?

    func addRoutes(to router: Routes) {
        router.get("metrics") { request, _ in
            if let token {
                let sent = SessionTokenExtractor.find(authorization: request.headers[.authorization], cookie: nil)?.token ?? ""
                // Compared as digests so the time taken says nothing about how much matched.
                guard SHA256.hash(data: Array(sent.utf8)) == SHA256.hash(data: Array(token.utf8)) else {
                    throw AppError(.unauthorized, code: "metrics_token_required",
                        message: "/metrics needs Authorization: Bearer with the GENTA_METRICS_TOKEN value.")
                }
            }
            var buffer: [UInt8] = []
            buffer.reserveCapacity(16_384)
            registry.emit(into: &buffer)
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }
}
