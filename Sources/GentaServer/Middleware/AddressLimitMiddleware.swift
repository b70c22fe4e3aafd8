import HTTPTypes
import Hummingbird

/// Refuses a client address over its request rate, before anything else is done for it.
/// Health probes and metrics scrapes are exempt: monitoring must see the server even when
/// its own address is busy.
struct AddressLimitMiddleware: RouterMiddleware {
    typealias Context = GentaRequestContext
    let limits: CallerLimits
    let trustedProxies: Set<String>
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let exempt: Set<String> = ["/healthz", "/readyz", "/metrics"]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let address = ClientAddress.resolve(
            peer: context.clientAddress, forwardedFor: request.headers[Self.forwardedFor], trustedProxies: trustedProxies)
        if let address, !Self.exempt.contains(request.uri.path) {
            try await limits.admit(address: address)
        }
        return try await next(request, context)
    }
}
