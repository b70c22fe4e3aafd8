import Foundation
import GentaCore
import GentaIntegrations
import GentaStore
import Hummingbird
import HummingbirdCore
import NIOCore
import Logging
import Prometheus

/// What the application is built from: configuration plus the injected collaborators.
public struct AppDependencies: Sendable {
    public var database: any Database
    public var tokenVerifier: any TokenVerifier
    /// Checks Clerk's webhook signatures; nil when no webhook secret is configured.
    public var webhookVerifier: SvixVerifier?
    public var clock: WallClock
    public var practice: PracticeSettings
    public var tryouts: TryoutSettings
    /// Writes AI feedback; the default has no providers, so the offline template writes.
    public var feedbackChain: FeedbackChain
    public var prices: PriceTable
    public var feedbackLimits: FeedbackLimits
    /// How long a feedback request waits for an earlier request writing the same attempt's
    /// feedback before answering 409 `feedback_in_progress`.
    public var feedbackWait: Duration
    /// A fresh seed for each adaptive pick; tests fix it.
    public var randomSeed: @Sendable () -> UInt64
    /// Each application gets its own registry, so tests never share counters.
    public var metrics: PrometheusCollectorRegistry
    /// Rate and concurrency limits per user and per client address, and connection limits.
    public var limits: RequestLimits
    /// Origins whose browser pages may call the API (CORS) and write with the session cookie.
    public var allowedOrigins: Set<String>
    /// When set, `/metrics` answers only to `Authorization: Bearer <token>`.
    public var metricsToken: String?
    /// What is on sale.
    public var plans: PlanCatalog
    /// Calls Midtrans; nil when payments are not configured.
    public var midtrans: MidtransClient?
    /// Mints session tokens for the pages' development sign-in (local mode); nil with Clerk.
    public var localSignIn: LocalTokenIssuer?
    /// Clerk's sign-in on the pages (Clerk mode with a publishable key).
    public var clerkFrontend: ClerkFrontend?
    /// Session cookies are `Secure` (production, behind HTTPS).
    public var secureCookies: Bool

    public init(
        database: any Database, tokenVerifier: any TokenVerifier, webhookVerifier: SvixVerifier? = nil,
        clock: WallClock = .system,
        practice: PracticeSettings = PracticeSettings(), tryouts: TryoutSettings = TryoutSettings(),
        feedbackChain: FeedbackChain? = nil, prices: PriceTable = .defaults, feedbackLimits: FeedbackLimits = FeedbackLimits(),
        feedbackWait: Duration = .seconds(40),
        randomSeed: @escaping @Sendable () -> UInt64 = { UInt64.random(in: .min ... .max) },
        metrics: PrometheusCollectorRegistry = .init(),
        limits: RequestLimits = RequestLimits(), allowedOrigins: Set<String> = [], metricsToken: String? = nil,
        plans: PlanCatalog = .defaults, midtrans: MidtransClient? = nil, localSignIn: LocalTokenIssuer? = nil,
        clerkFrontend: ClerkFrontend? = nil, secureCookies: Bool = false
    ) {
        self.database = database
        self.tokenVerifier = tokenVerifier
        self.webhookVerifier = webhookVerifier
        self.clock = clock
        self.practice = practice
        self.tryouts = tryouts
        self.feedbackChain = feedbackChain ?? FeedbackChain(providers: [], clock: clock)
        self.prices = prices
        self.feedbackLimits = feedbackLimits
        self.feedbackWait = feedbackWait
        self.randomSeed = randomSeed
        self.metrics = metrics
        self.limits = limits
        self.allowedOrigins = allowedOrigins
        self.metricsToken = metricsToken
        self.plans = plans
        self.midtrans = midtrans
        self.localSignIn = localSignIn
        self.clerkFrontend = clerkFrontend
        self.secureCookies = secureCookies
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
    let limits = dependencies.limits
    return Application(
        router: router,
        // The idle timeout also closes a connection whose request head never completes: parts
        // are only seen once a whole head is parsed, so trickled header bytes do not count.
        server: .http1(configuration: .init(
            additionalChannelHandlers: [ClientHangUpHandler()], idleTimeout: TimeAmount(limits.idleTimeout))),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "genta",
            availableConnectionsDelegate: MaximumAvailableConnections(limits.maximumConnections, logger: logger)),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}

func buildRouter(dependencies: AppDependencies) -> Router<GentaRequestContext> {
    let router = Router(context: GentaRequestContext.self)
    let table = RouteTable()
    let limits = CallerLimits(dependencies.limits)
    // Outermost first: every response, errors included, gets its id, log line, metrics and
    // headers; limits and 405 sit inside the error mapping, which turns what they throw into JSON.
    router.addMiddleware {
        RequestIDMiddleware()
        AccessLogMiddleware()
        RequestMetricsMiddleware(factory: PrometheusMetricsFactory(registry: dependencies.metrics))
        ResponseHeadersMiddleware()
        CORSMiddleware(allowedOrigins: dependencies.allowedOrigins)
        ErrorMiddleware(errorLog: ErrorLogQueries(database: dependencies.database), clock: dependencies.clock)
        MethodNotAllowedMiddleware(routes: table)
        AddressLimitMiddleware(limits: limits, trustedProxies: dependencies.limits.trustedProxies)
    }
    let routes = Routes(router, table: table)
    HealthController(database: dependencies.database).addRoutes(to: routes)
    MetricsController(registry: dependencies.metrics, token: dependencies.metricsToken).addRoutes(to: routes)
    OpenAPIController().addRoutes(to: routes)

    let database = dependencies.database, clock = dependencies.clock, practice = dependencies.practice
    let users = UserQueries(database: database, clock: clock, scale: practice.scoreScale)
    WebhookController(verifier: dependencies.webhookVerifier, sync: AccountSyncQueries(database: database, clock: clock))
        .addRoutes(to: routes)
    let payments = PaymentService(
        plans: dependencies.plans, midtrans: dependencies.midtrans, checkout: CheckoutQueries(database: database, clock: clock),
        ledger: PaymentLedger(database: database, clock: clock), metrics: PrometheusMetricsFactory(registry: dependencies.metrics))
    let paymentReports = PaymentReports(database: database)
    let paymentRoutes = PaymentController(service: payments, reports: paymentReports, users: users, clock: clock)
    paymentRoutes.addPublicRoutes(to: routes)
    MidtransWebhookController(service: payments).addRoutes(to: routes)
    let api = routes.group("api/v1", middleware: AuthMiddleware(
        verifier: dependencies.tokenVerifier, users: users, limits: limits,
        cookieWrites: CookieWriteGuard(allowedOrigins: dependencies.allowedOrigins)))
    ProfileController(users: users, clock: clock).addRoutes(to: api)
    SessionController(sessions: SessionQueries(database: database, clock: clock)).addRoutes(to: api)
    PracticeController(
        nextQuestion: NextQuestionQueries(database: database, clock: clock, settings: practice, seed: dependencies.randomSeed),
        recorder: AttemptRecorder(database: database, clock: clock, settings: practice),
        readiness: ReadinessQueries(database: database, clock: clock, settings: practice),
        history: HistoryQueries(database: database), scoreScale: practice.scoreScale
    ).addRoutes(to: api)
    let feedback = FeedbackQueries(database: database, clock: clock)
    let feedbackService = FeedbackService(
        queries: feedback, chain: dependencies.feedbackChain, prices: dependencies.prices,
        limits: dependencies.feedbackLimits, clock: clock,
        templateOnly: FeedbackChain(providers: [], clock: clock), waitLimit: dependencies.feedbackWait,
        metrics: PrometheusMetricsFactory(registry: dependencies.metrics))
    FeedbackController(service: feedbackService, queries: feedback).addRoutes(to: api)
    TryoutController(
        events: TryoutEventQueries(database: database),
        sittings: TryoutSittingQueries(database: database, clock: clock, practice: practice, tryouts: dependencies.tryouts),
        assembly: TryoutAssembly(database: database), exam: dependencies.tryouts.exam, clock: clock
    ).addRoutes(to: api)
    AdminController(llmCost: LLMCostQueries(database: database, clock: clock)).addRoutes(to: api)
    AdminJobsController(
        catalog: JobCatalog(database: database, clock: clock, practice: practice, tryouts: dependencies.tryouts,
            midtrans: dependencies.midtrans, logger: Logger(label: "genta.jobs")),
        runs: JobRunQueries(database: database)
    ).addRoutes(to: api)
    AdminErrorLogController(errorLogs: ErrorLogQueries(database: database)).addRoutes(to: api)
    AdminAnalyticsController(analytics: AnalyticsQueries(database: database, now: { clock.now() })).addRoutes(to: api)
    paymentRoutes.addRoutes(to: api)
    AdminPaymentsController(reports: paymentReports, clock: clock).addRoutes(to: api)
    let now: @Sendable () -> Date = { clock.now() }
    BankController(
        banks: BankQueries(database: database, now: now), importer: ContentImport(database: database, now: now),
        export: BankExport(database: database), maximumImportBytes: dependencies.limits.importMaxBytes
    ).addRoutes(to: api)
    StaffQuestionController(editor: QuestionEditor(database: database, now: now)).addRoutes(to: api)
    PassageController(editor: PassageEditor(database: database, now: now)).addRoutes(to: api)
    ReviewController(
        reviews: ReviewQueries(database: database, now: now), queue: ReviewQueue(database: database),
        reports: ReportQueries(database: database, clock: clock)
    ).addRoutes(to: api)
    KeyCorrectionController(corrections: KeyCorrectionQueries(database: database, now: now)).addRoutes(to: api)
    ItemAnalysisController(analyses: ItemAnalysisQueries(database: database, now: now)).addRoutes(to: api)
    addWebRoutes(to: routes, dependencies: dependencies, users: users, limits: limits, feedback: feedbackService,
        feedbackQueries: feedback, payments: payments, paymentReports: paymentReports)
    return router
}

/// The students' pages, beside the API: signed in by the `__session` cookie, errors as pages.
func addWebRoutes(
    to routes: Routes, dependencies: AppDependencies, users: UserQueries, limits: CallerLimits, feedback: FeedbackService,
    feedbackQueries: FeedbackQueries, payments: PaymentService, paymentReports: PaymentReports
) {
    let database = dependencies.database, clock = dependencies.clock, practice = dependencies.practice
    let assets = WebAssets.load()
    var pages = WebPages.load(assets: assets)
    pages.clerk = dependencies.clerkFrontend
    pages.contentSecurityPolicy = WebPages.policy(
        paymentOrigins: [dependencies.midtrans.flatMap { WebPages.origin(of: $0.settings.snapBaseURL) }].compactMap { $0 },
        clerk: dependencies.clerkFrontend)
    assets.addRoutes(to: routes)
    let web = routes.group("", middleware: WebErrorMiddleware(pages: pages))
        .group("", middleware: WebSessionMiddleware(verifier: dependencies.tokenVerifier, users: users, limits: limits))
    WebController(
        pages: pages, localSignIn: dependencies.localSignIn, users: users, clock: clock, secureCookies: dependencies.secureCookies
    ).addRoutes(to: web)
    DashboardPages(
        pages: pages, readiness: ReadinessQueries(database: database, clock: clock, settings: practice),
        trends: TrendQueries(database: database), notices: KeyCorrectionQueries(database: database, now: { clock.now() }),
        scale: practice.scoreScale, clock: clock
    ).addRoutes(to: web)
    PracticePages(
        pages: pages, sessions: SessionQueries(database: database, clock: clock),
        nextQuestion: NextQuestionQueries(database: database, clock: clock, settings: practice, seed: dependencies.randomSeed),
        recorder: AttemptRecorder(database: database, clock: clock, settings: practice), clock: clock
    ).addRoutes(to: web)
    FeedbackPages(pages: pages, service: feedback, queries: feedbackQueries).addRoutes(to: web)
    HistoryPages(pages: pages, history: HistoryQueries(database: database), clock: clock).addRoutes(to: web)
    TryoutPages(
        pages: pages, events: TryoutEventQueries(database: database),
        sittings: TryoutSittingQueries(database: database, clock: clock, practice: practice, tryouts: dependencies.tryouts),
        clock: clock
    ).addRoutes(to: web)
    PremiumPages(pages: pages, payments: payments, reports: paymentReports, users: users, clock: clock).addRoutes(to: web)
}
