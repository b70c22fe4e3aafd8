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
        ])
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
            _ = try await SQLiteBackend.open(path: "/proc/genta.sqlite", logger: .init(label: "test"))
        }
        await #expect(throws: DatabaseOpenError.self) {
            _ = try await SQLiteBackend.open(path: "/no/such/folder/genta.sqlite", logger: .init(label: "test"))
        }
    }
}
