import Foundation
import AsyncHTTPClient
import GentaCore
import GentaIntegrations
import GentaStore
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// `genta serve`: opens the database, migrates, loads the demo bank once, then serves until
/// SIGTERM or SIGINT, letting in-flight requests finish before the database closes.
public enum Server {
    public static func run(configuration: AppConfiguration, logger: Logger, clock: WallClock = .system) async throws {
        // The database first: its problems are the likelier ones, and a local signing key is
        // kept beside the SQLite file, whose folder this checks.
        let database = try await configuration.database.open(limits: configuration.databaseLimits, logger: logger)
        // One client for every outside call (LLM providers, Midtrans). Its default allows 8
        // connections per host: a burst of slow model calls would
        // queue behind each other and spend their time budget waiting for a connection.
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
        let outcome: Result<Void, any Error>
        do {
            try await serve(configuration, database: database, httpClient: httpClient, logger: logger, clock: clock)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        try await httpClient.shutdown()
        try outcome.get()
    }

    private static func serve(
        _ configuration: AppConfiguration, database: any Database, httpClient: HTTPClient, logger: Logger, clock: WallClock
    ) async throws {
        let registry = PrometheusCollectorRegistry()
        let metrics = PrometheusMetricsFactory(registry: registry)
        try await InstrumentedDatabase(database, factory: metrics).whileRunning { database in
            let verifier = try configuration.auth.makeVerifier(clock: clock, logger: logger)
            let applied = try await Migrator(database: database, now: clock.now).migrate()
            let demoNote =
                if configuration.loadDemoBank {
                    switch try await DemoBankLoader(database: database, now: clock.now).loadIfNeeded() {
                    case .imported(let count): "\(count) questions loaded"
                    case .extended(let questions, let passages): "\(questions) questions and \(passages) passages added"
                    case .alreadyPresent: "already loaded"
                    }
                } else {
                    "not loaded (GENTA_DEMO_BANK=0)"
                }
            let schemaNote = applied.isEmpty ? "schema up to date" : "applied migration(s) \(applied.map(String.init).joined(separator: ", "))"
            let practice = configuration.practice
            let midtrans = configuration.payments.midtrans.map { MidtransClient(settings: $0, httpClient: httpClient, logger: logger) }
            let app = buildApplication(
                configuration: configuration,
                dependencies: AppDependencies(
                    database: database, tokenVerifier: verifier,
                    webhookVerifier: try configuration.auth.makeWebhookVerifier(clock: clock), clock: clock,
                    practice: practice, tryouts: configuration.tryouts,
                    feedbackChain: configuration.llm.map {
                        FeedbackChain(settings: $0, clock: clock, httpClient: httpClient, logger: logger)
                    },
                    prices: configuration.llm?.prices ?? .defaults, feedbackLimits: configuration.feedbackLimits,
                    metrics: registry, limits: configuration.limits, allowedOrigins: configuration.allowedOrigins,
                    metricsToken: configuration.metricsToken, plans: configuration.payments.plans, midtrans: midtrans,
                    localSignIn: try configuration.auth.localSecret().map { try LocalTokenIssuer(secret: $0, clock: clock) },
                    clerkFrontend: configuration.auth.clerkFrontend,
                    secureCookies: configuration.environment == .production),
                logger: logger
            ) { port in
                // Standard output carries this banner only; logs go to standard error.
                FileHandle.standardOutput.write(Data("""
                    Genta is listening on http://\(configuration.host):\(port)
                      database:  \(database.location) (\(schemaNote))
                      demo bank: \(demoNote)
                      payments:  \(Self.paymentsNote(configuration.payments))
                      health:    curl http://\(configuration.host):\(port)/readyz
                      sign in:   \(Self.signInHint(configuration.auth))

                    """.utf8))
            }
            let deadline = ShutdownDeadline(limit: configuration.limits.shutdownTimeout, logger: logger)
            let catalog = JobCatalog(
                database: database, clock: clock, practice: practice, tryouts: configuration.tryouts, midtrans: midtrans, logger: logger,
                logRetention: configuration.logRetention)
            let scheduler = Scheduler(
                catalog: catalog, runner: JobRunner(database: database, clock: clock, instance: Self.instanceName, logger: logger, metrics: metrics),
                logger: logger)
            let jobs: [ServiceGroupConfiguration.ServiceConfiguration] = configuration.schedulerEnabled
                ? [.init(service: scheduler, successTerminationBehavior: .ignore, failureTerminationBehavior: .ignore)] : []
            try await ServiceGroup(configuration: .init(
                services: [
                    .init(service: app),
                    .init(service: deadline, successTerminationBehavior: .ignore, failureTerminationBehavior: .ignore),
                ] + jobs,
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            ).run()
        }
    }

    /// This process in `job_runs`: the host and process id.
    static var instanceName: String {
        "\(ProcessInfo.processInfo.hostName)#\(ProcessInfo.processInfo.processIdentifier)"
    }

    static func paymentsNote(_ payments: PaymentConfiguration) -> String {
        guard let midtrans = payments.midtrans else { return "off (set MIDTRANS_SERVER_KEY); plans listed only" }
        return "Midtrans at \(midtrans.snapBaseURL), notifications to /webhooks/midtrans"
    }

    static func signInHint(_ auth: AuthConfiguration) -> String {
        switch auth {
        case .clerk(let clerk): "Clerk session tokens from \(clerk.issuer)"
        case .local: "TOKEN=$(swift run genta token --email you@example.com); curl -H \"Authorization: Bearer $TOKEN\" …/api/v1/me"
        }
    }
}
