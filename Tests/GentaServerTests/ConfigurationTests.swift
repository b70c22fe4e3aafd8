import Foundation
@testable import GentaServer
import GentaStore
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    @Test("defaults to the embedded SQLite database on 127.0.0.1:8080")
    func defaults() throws {
        let configuration = try AppConfiguration(environment: [:])
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.database == .sqlite(path: "genta.sqlite"))
        #expect(configuration.environment == .development)
        #expect(configuration.loadDemoBank)
    }

    @Test("reads PostgreSQL URLs with their parts")
    func postgresURL() throws {
        let configuration = try AppConfiguration(environment: [
            "DATABASE_URL": "postgresql://genta:s%40cret@db.internal:6543/genta_prod?sslmode=require",
            "GENTA_PORT": "9000", "GENTA_ENV": "production",
            "CLERK_JWKS_URL": "https://genta.clerk.accounts.dev/.well-known/jwks.json",
            "CLERK_ISSUER": "https://genta.clerk.accounts.dev", "CLERK_AUTHORIZED_PARTIES": "https://genta.id, https://app.genta.id",
        ])
        #expect(configuration.auth == .clerk(.init(
            jwksURL: "https://genta.clerk.accounts.dev/.well-known/jwks.json", issuer: "https://genta.clerk.accounts.dev",
            authorizedParties: ["https://genta.id", "https://app.genta.id"], webhookSecret: nil)))
        #expect(configuration.port == 9000)
        #expect(configuration.environment == .production)
        #expect(configuration.auth.clerkFrontend == nil, "no publishable key: the API only")
        let withPages = try AppConfiguration(environment: Self.production(["CLERK_PUBLISHABLE_KEY": "pk_live_Y2xlcmsuZ2VudGEuaWQk"]))
        #expect(withPages.auth.clerkFrontend?.frontendAPIHost == "clerk.genta.id")
        guard case .postgres(let location) = configuration.database else {
            Issue.record("expected PostgreSQL")
            return
        }
        #expect(location == PostgresLocation(
            host: "db.internal", port: 6543, username: "genta", password: "s@cret", database: "genta_prod", tls: .require))
        #expect(!configuration.database.description.contains("s@cret"), "never print the password")
    }

    /// A complete production configuration, with `overrides` applied.
    static func production(_ overrides: [String: String] = [:]) -> [String: String] {
        [
            "GENTA_ENV": "production", "DATABASE_URL": "postgres://genta@db.internal/genta",
            "CLERK_JWKS_URL": "https://genta.clerk.accounts.dev/.well-known/jwks.json",
            "CLERK_ISSUER": "https://genta.clerk.accounts.dev", "CLERK_AUTHORIZED_PARTIES": "https://app.genta.id",
        ].merging(overrides) { $1 }
    }

    @Test("production encrypts the database connection unless the URL says otherwise")
    func productionTLS() throws {
        guard case .postgres(let production) = try AppConfiguration(environment: Self.production()).database,
            case .postgres(let development) = try AppConfiguration(environment: ["DATABASE_URL": "postgres://genta@db/genta"]).database,
            case .postgres(let explicit) = try AppConfiguration(
                environment: Self.production(["DATABASE_URL": "postgres://genta@db/genta?sslmode=disable"])).database
        else {
            Issue.record("expected PostgreSQL")
            return
        }
        #expect(production.tls == .require)
        #expect(development.tls == .prefer)
        #expect(explicit.tls == .disable)
    }

    @Test("limits, origins and the metrics token are read from the environment")
    func limitsAndOrigins() throws {
        let configuration = try AppConfiguration(environment: [
            "GENTA_RATE_LIMIT_PER_MINUTE": "100", "GENTA_RATE_LIMIT_BURST": "20", "GENTA_USER_CONCURRENCY": "3",
            "GENTA_IP_RATE_LIMIT_PER_MINUTE": "5000", "GENTA_MAX_CONNECTIONS": "512", "GENTA_IDLE_TIMEOUT_SECONDS": "15",
            "GENTA_ALLOWED_ORIGINS": "https://App.Genta.id, http://localhost:5173", "GENTA_METRICS_TOKEN": "0123456789abcdef",
        ])
        #expect(configuration.limits == RequestLimits(
            userPerMinute: 100, userBurst: 20, userConcurrency: 3, addressPerMinute: 5000, maximumConnections: 512,
            idleTimeout: .seconds(15)))
        #expect(configuration.allowedOrigins == ["https://app.genta.id", "http://localhost:5173"])
        #expect(configuration.metricsToken == "0123456789abcdef")
        #expect(try AppConfiguration(environment: Self.production()).environment == .production)
    }

    @Test("payments: sandbox by default, production on request, plans from GENTA_PLANS")
    func payments() throws {
        #expect(try AppConfiguration(environment: [:]).payments.midtrans == nil)
        let sandbox = try #require(try AppConfiguration(environment: ["MIDTRANS_SERVER_KEY": "SB-Mid-server-abc"]).payments.midtrans)
        #expect(sandbox.snapBaseURL == "https://app.sandbox.midtrans.com")
        #expect(sandbox.apiBaseURL == "https://api.sandbox.midtrans.com")
        #expect(!sandbox.verifyStatus)
        let live = try AppConfiguration(environment: [
            "MIDTRANS_SERVER_KEY": "Mid-server-abc", "MIDTRANS_PRODUCTION": "1", "MIDTRANS_VERIFY_STATUS": "1",
            "GENTA_PLANS": "premium-7:premium:7:15000",
        ])
        #expect(live.payments.midtrans?.snapBaseURL == "https://app.midtrans.com")
        #expect(live.payments.midtrans?.verifyStatus == true)
        #expect(live.payments.plans.plans.map(\.id) == ["premium-7"])
    }

    @Test("names the variable and the problem for bad values", arguments: [
        (["GENTA_PORT": "99999"], "GENTA_PORT: must be a whole number from 1 to 65535 (got \"99999\")"),
        (["GENTA_PORT": "eighty"], "GENTA_PORT: must be a whole number from 1 to 65535 (got \"eighty\")"),
        (["DATABASE_URL": "mysql://x"], "DATABASE_URL: must start with sqlite:, postgres:// or postgresql://"),
        (["DATABASE_URL": "postgres://localhost/genta"], "DATABASE_URL: has no user name (postgres://USER:PASSWORD@HOST:PORT/DATABASE)"),
        (["DATABASE_URL": "postgres://u@localhost"], "DATABASE_URL: has no database name after the host"),
        (["DATABASE_URL": "sqlite:"], "DATABASE_URL: sqlite: needs a file path, e.g. sqlite:genta.sqlite"),
        (["GENTA_ENV": "staging"], "GENTA_ENV: must be one of development, production (got \"staging\")"),
        (["GENTA_DEMO_BANK": "maybe"], "GENTA_DEMO_BANK: must be 1 or 0 (got \"maybe\")"),
        (["GENTA_ENV": "production"], "GENTA_AUTH: local tokens are refused with GENTA_ENV=production; configure Clerk (CLERK_JWKS_URL, CLERK_ISSUER) or set GENTA_ALLOW_LOCAL_AUTH=1"),
        (["GENTA_AUTH": "clerk"], "CLERK_JWKS_URL: is required with GENTA_AUTH=clerk (e.g. https://YOUR-APP.clerk.accounts.dev/.well-known/jwks.json)"),
        (["CLERK_JWKS_URL": "https://x.dev/jwks.json"], "CLERK_ISSUER: is required with GENTA_AUTH=clerk (your Clerk Frontend API URL)"),
        (["GENTA_LOCAL_AUTH_SECRET": "short"], "GENTA_LOCAL_AUTH_SECRET: must be at least 32 characters"),
        (["GENTA_FREE_DAILY_QUESTIONS": "-1"], "GENTA_FREE_DAILY_QUESTIONS: must be a whole number from 0 to 10000 (got \"-1\")"),
        (Self.production(["CLERK_JWKS_URL": "http://genta.clerk.accounts.dev/.well-known/jwks.json"]),
            "CLERK_JWKS_URL: must be an https URL with GENTA_ENV=production (got \"http://genta.clerk.accounts.dev/.well-known/jwks.json\")"),
        (Self.production(["CLERK_AUTHORIZED_PARTIES": ""]),
            "CLERK_AUTHORIZED_PARTIES: is required with GENTA_ENV=production: the origins of your front ends, e.g. https://app.example.com"),
        (["GENTA_ALLOWED_ORIGINS": "https://app.genta.id/path"],
            "GENTA_ALLOWED_ORIGINS: must list origins like https://app.example.com, comma-separated (got \"https://app.genta.id/path\")"),
        (["GENTA_RATE_LIMIT_PER_MINUTE": "1e20"], "GENTA_RATE_LIMIT_PER_MINUTE: must be a whole number from 1 to 1000000 (got \"1e20\")"),
        (["GENTA_USER_CONCURRENCY": "0"], "GENTA_USER_CONCURRENCY: must be a whole number from 1 to 10000 (got \"0\")"),
        (["GENTA_METRICS_TOKEN": "short"], "GENTA_METRICS_TOKEN: must be at least 16 characters"),
        (["GENTA_TRUSTED_PROXIES": "10.0.0.2, proxy.internal"], "GENTA_TRUSTED_PROXIES: must list IP addresses, comma-separated (got \"proxy.internal\")"),
        (["MIDTRANS_SERVER_KEY": "Mid-server-live"],
            "MIDTRANS_SERVER_KEY: a sandbox server key starts with SB-Mid-server- (set MIDTRANS_PRODUCTION=1 for production)"),
        (["MIDTRANS_SERVER_KEY": "SB-Mid-server-x", "MIDTRANS_PRODUCTION": "1"],
            "MIDTRANS_SERVER_KEY: a production server key starts with Mid-server- (MIDTRANS_PRODUCTION=1)"),
        (["MIDTRANS_SERVER_KEY": "SB-Mid-server-x", "MIDTRANS_SNAP_URL": "ftp://snap"],
            "MIDTRANS_SNAP_URL: must be an http or https URL without query (got \"ftp://snap\")"),
        (["MIDTRANS_SERVER_KEY": "SB-Mid-server-x", "MIDTRANS_SNAP_EXPIRY_MINUTES": "1"],
            "MIDTRANS_SNAP_EXPIRY_MINUTES: must be a whole number from 5 to 1440 (got \"1\")"),
        (["GENTA_PLANS": "premium-30:gold:30:49000"], "GENTA_PLANS: plan premium-30: tier must be premium or premium_plus"),
        (Self.production(["CLERK_PUBLISHABLE_KEY": "sk_live_secret"]),
            "CLERK_PUBLISHABLE_KEY: is not a Clerk publishable key (pk_test_… or pk_live_… from the Clerk dashboard)"),
        (Self.production(["CLERK_PUBLISHABLE_KEY": "pk_live_Y2xlcmsuZ2VudGEuaWQk", "CLERK_JS_URL": "clerk.js"]),
            "CLERK_JS_URL: must be an http(s) URL of Clerk's browser script (got \"clerk.js\")"),
    ])
    func badValues(environment: [String: String], message: String) {
        #expect(throws: ConfigurationError.self) { try AppConfiguration(environment: environment) }
        do {
            _ = try AppConfiguration(environment: environment)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("an SQLite path that cannot be written is refused before anything starts")
    func unwritableSQLite() async throws {
        await #expect(throws: DatabaseOpenError.self) {
            _ = try await SQLiteBackend.open(path: FileManager.default.temporaryDirectory.path, logger: .init(label: "test"))
        }
        await #expect(throws: DatabaseOpenError.self) {
            _ = try await SQLiteBackend.open(path: "/no/such/folder/genta.sqlite", logger: .init(label: "test"))
        }
    }
}
