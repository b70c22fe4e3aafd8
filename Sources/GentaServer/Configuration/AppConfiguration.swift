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

    public init(
        host: String = "127.0.0.1", port: Int = 8080, database: DatabaseLocation = .defaultSQLite,
        environment: Environment = .development, logLevel: Logger.Level = .info, loadDemoBank: Bool = true
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.environment = environment
        self.logLevel = logLevel
        self.loadDemoBank = loadDemoBank
    }

    /// Reads and validates the variables; the first bad one is reported by name.
    public init(environment variables: [String: String]) throws(ConfigurationError) {
        var reader = EnvironmentReader(variables)
        self.init(
            host: try reader.string("GENTA_HOST", default: "127.0.0.1"),
            port: try reader.integer("GENTA_PORT", default: 8080, in: 1...65535),
            database: try reader.databaseLocation("DATABASE_URL", default: .defaultSQLite),
            environment: try reader.choice("GENTA_ENV", default: .development),
            logLevel: try reader.choice("GENTA_LOG_LEVEL", default: .info),
            loadDemoBank: try reader.flag("GENTA_DEMO_BANK", default: true)
        )
    }
}
