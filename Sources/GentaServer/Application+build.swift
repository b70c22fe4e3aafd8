import GentaCore
import GentaStore
import Hummingbird
import Logging
import Prometheus

/// What the application is built from: configuration plus the injected collaborators.
public struct AppDependencies: Sendable {
    public var database: any Database
    public var clock: WallClock
    /// Each application gets its own registry, so tests never share counters.
    public var metrics: PrometheusCollectorRegistry

    public init(database: any Database, clock: WallClock = .system, metrics: PrometheusCollectorRegistry = .init()) {
        self.database = database
        self.clock = clock
        self.metrics = metrics
    }
}

/// Builds the HTTP application; used by `genta serve` and by the tests alike.
public func buildApplication(
    configuration: AppConfiguration,
    dependencies: AppDependencies,
    logger: Logger,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let router = buildRouter(dependencies: dependencies)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "genta"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}

func buildRouter(dependencies: AppDependencies) -> Router<GentaRequestContext> {
    let router = Router(context: GentaRequestContext.self)
    router.addMiddleware {
        RequestMetricsMiddleware(factory: PrometheusMetricsFactory(registry: dependencies.metrics))
        RequestIDMiddleware()
        ErrorMiddleware()
    }
    HealthController(database: dependencies.database).addRoutes(to: router)
    MetricsController(registry: dependencies.metrics).addRoutes(to: router)
    return router
}
