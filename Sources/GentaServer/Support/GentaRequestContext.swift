import Hummingbird

/// Per-request state passed through the middleware chain to the handlers.
public struct GentaRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The id that ties this request's log lines to its `X-Request-Id` response header.
    public var requestID: String = ""

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }
}
