import Foundation
import GentaCore
import GentaIntegrations
import GentaStore
import Logging

/// Everything the server is configured with, read once at start from the environment
/// (12-factor) and validated; handlers never read the environment themselves.
public struct AppConfiguration: Sendable {
    public enum Environment: String, Sendable, CaseIterable {
        case development, production
    }

    public var host: String
    public var port: Int
    public var database: DatabaseLocation
    public var environment: Environment
    public var logLevel: Logger.Level
    /// Load the demo question bank at start (once; a restart finds it present).
    public var loadDemoBank: Bool
    public var auth: AuthConfiguration
    /// Questions a free user may be served per day (midnight WIB resets it).
    public var freeDailyQuestions: Int
    /// Model-written feedback per day and tier.
    public var feedbackLimits: FeedbackLimits
    /// Tryouts per month and tier, and when percentiles appear.
    public var tryouts: TryoutSettings
    /// LLM providers, their order, timeouts, retries and prices; nil writes feedback offline only.
    public var llm: LLMProviderSettings?
    /// Per-user and per-address request limits, connection limits and the shutdown bound.
    public var limits: RequestLimits
    /// How long database work may wait and run.
    public var databaseLimits: DatabaseLimits
    /// Origins allowed to call the API from a browser (CORS) and to write with the session cookie.
    public var allowedOrigins: Set<String>
    /// When set, `/metrics` requires it as a Bearer token.
    public var metricsToken: String?
    /// Plans on sale and Midtrans.
    public var payments: PaymentConfiguration
    /// Run the scheduled jobs in this process (`GENTA_SCHEDULER=off` leaves them to others or to
    /// `genta jobs run`).
    public var schedulerEnabled: Bool
    /// At most one pretest question in this many served (0: none), `GENTA_PRETEST_EVERY`.
    public var pretestEvery: Int
    /// Exposure control's maximum rate in percent (0: off), `GENTA_MAX_EXPOSURE`.
    public var maxExposurePercent: Int
    /// Days error logs and job runs are kept (`GENTA_LOG_RETENTION_DAYS`).
    public var logRetentionDays: Int

    public init(
        host: String = "127.0.0.1", port: Int = 8080, database: DatabaseLocation = .defaultSQLite,
        environment: Environment = .development, logLevel: Logger.Level = .info, loadDemoBank: Bool = true,
        auth: AuthConfiguration = .local(secret: nil, secretPath: "genta-local-auth.secret"),
        freeDailyQuestions: Int = 30, feedbackLimits: FeedbackLimits = FeedbackLimits(), tryouts: TryoutSettings = TryoutSettings(),
        llm: LLMProviderSettings? = nil, limits: RequestLimits = RequestLimits(),
        databaseLimits: DatabaseLimits = DatabaseLimits(), allowedOrigins: Set<String> = [], metricsToken: String? = nil,
        payments: PaymentConfiguration = PaymentConfiguration(), schedulerEnabled: Bool = true, pretestEvery: Int = 10,
        maxExposurePercent: Int = 30, logRetentionDays: Int = 90
    ) {
        self.logRetentionDays = logRetentionDays
        self.maxExposurePercent = maxExposurePercent
        self.pretestEvery = pretestEvery
        self.host = host
        self.port = port
        self.database = database
        self.environment = environment
        self.logLevel = logLevel
        self.loadDemoBank = loadDemoBank
        self.auth = auth
        self.freeDailyQuestions = freeDailyQuestions
        self.feedbackLimits = feedbackLimits
        self.tryouts = tryouts
        self.llm = llm
        self.limits = limits
        self.databaseLimits = databaseLimits
        self.allowedOrigins = allowedOrigins
        self.metricsToken = metricsToken
        self.payments = payments
        self.schedulerEnabled = schedulerEnabled
    }

    /// Reads and validates the variables; the first bad one is reported by name.
    public init(environment variables: [String: String]) throws(ConfigurationError) {
        let reader = EnvironmentReader(variables)
        let environment: Environment = try reader.choice("GENTA_ENV", default: .development)
        // Production reaches its database over a network: encrypted unless the URL says otherwise.
        let database = try reader.databaseLocation(
            "DATABASE_URL", default: .defaultSQLite, defaultTLS: environment == .production ? .require : .prefer)
        self.init(
            host: try reader.string("GENTA_HOST", default: "127.0.0.1"),
            port: try reader.integer("GENTA_PORT", default: 8080, in: 1...65535),
            database: database,
            environment: environment,
            logLevel: try reader.choice("GENTA_LOG_LEVEL", default: .info),
            loadDemoBank: try reader.flag("GENTA_DEMO_BANK", default: true),
            auth: try AuthConfiguration.read(
                reader, environment: environment, defaultSecretPath: Self.localSecretPath(beside: database)),
            freeDailyQuestions: try reader.integer("GENTA_FREE_DAILY_QUESTIONS", default: 30, in: 0...10_000),
            feedbackLimits: FeedbackLimits(
                freeDaily: try reader.integer("GENTA_FREE_DAILY_AI_FEEDBACK", default: 5, in: 0...10_000),
                premiumDaily: try reader.integer("GENTA_PREMIUM_DAILY_AI_FEEDBACK", default: 100, in: 0...100_000)),
            tryouts: TryoutSettings(
                freeMonthlySittings: try reader.integer("GENTA_FREE_MONTHLY_TRYOUTS", default: 2, in: 0...1_000),
                premiumMonthlySittings: try reader.integer("GENTA_PREMIUM_MONTHLY_TRYOUTS", default: 20, in: 0...1_000),
                minimumSittersForPercentile: try reader.integer("GENTA_TRYOUT_PERCENTILE_MINIMUM", default: 30, in: 1...100_000)),
            llm: try Self.llmSettings(variables),
            limits: try RequestLimits.read(reader),
            databaseLimits: DatabaseLimits(
                connectionWait: .seconds(try reader.integer("GENTA_DB_WAIT_SECONDS", default: 3, in: 1...60)),
                maximumConnections: try reader.integer("GENTA_DB_POOL_SIZE", default: 20, in: 1...500)),
            allowedOrigins: try reader.origins("GENTA_ALLOWED_ORIGINS"),
            metricsToken: try reader.secret("GENTA_METRICS_TOKEN", minimumLength: 16),
            payments: try PaymentConfiguration.read(reader),
            schedulerEnabled: try reader.flag("GENTA_SCHEDULER", default: true),
            pretestEvery: try reader.integer("GENTA_PRETEST_EVERY", default: 10, in: 0...1_000),
            maxExposurePercent: try reader.integer("GENTA_MAX_EXPOSURE", default: 30, in: 0...100),
            logRetentionDays: try reader.integer("GENTA_LOG_RETENTION_DAYS", default: 90, in: 1...3_650)
        )
    }

    /// How long error logs and job runs are kept.
    public var logRetention: TimeInterval { Double(logRetentionDays) * 86_400 }

    /// The practice loop's rules from this configuration.
    public var practice: PracticeSettings {
        PracticeSettings(
            freeDailyQuestions: freeDailyQuestions, pretestEvery: pretestEvery,
            exposureControl: PracticeSettings.exposureControl(maximumPercent: maxExposurePercent))
    }

    /// The local signing key lives beside the SQLite file (or in the working directory).
    static func localSecretPath(beside database: DatabaseLocation) -> String {
        guard case .sqlite(let path) = database else { return "genta-local-auth.secret" }
        return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("genta-local-auth.secret").path
    }

    static func llmSettings(_ variables: [String: String]) throws(ConfigurationError) -> LLMProviderSettings {
        do {
            return try LLMProviderSettings(environment: variables)
        } catch {
            throw ConfigurationError(variable: error.variable, message: error.message)
        }
    }
}
