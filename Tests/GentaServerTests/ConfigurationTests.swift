import Foundation
import GentaServer
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
        guard case .postgres(let location) = configuration.database else {
            Issue.record("expected PostgreSQL")
            return
        }
        #expect(location == PostgresLocation(
            host: "db.internal", port: 6543, username: "genta", password: "s@cret", database: "genta_prod", tls: .require))
        #expect(!configuration.database.description.contains("s@cret"), "never print the password")
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
