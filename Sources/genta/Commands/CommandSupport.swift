import ArgumentParser
import Foundation
import GentaIntegrations
import GentaServer
import GentaStore
import Logging

/// Shared start-up of every command: read the configuration, set up logging, and turn the
/// errors a user can fix into one clear line and a non-zero exit instead of a stack trace.
enum CommandSupport {
    static func configuration() throws -> AppConfiguration {
        do {
            let configuration = try AppConfiguration(environment: ProcessInfo.processInfo.environment)
            bootstrapLogging(level: configuration.logLevel)
            return configuration
        } catch {
            fail(error.description)
        }
    }

    static func logger(_ configuration: AppConfiguration) -> Logger {
        var logger = Logger(label: "genta")
        logger.logLevel = configuration.logLevel
        return logger
    }

    /// Reads the configuration, opens its database and runs `body` with it, reporting the
    /// problems a user can fix in one line: the shape of every command that works on the data.
    static func withDatabase<T: Sendable>(_ body: @Sendable (any Database) async throws -> T) async throws -> T {
        try await withDatabase { _, _, database in try await body(database) }
    }

    /// `withDatabase`, also handing `body` the configuration and logger (read once: logging can
    /// be set up only once per process).
    static func withDatabase<T: Sendable>(
        _ body: @Sendable (AppConfiguration, Logger, any Database) async throws -> T
    ) async throws -> T {
        let configuration = try configuration()
        let logger = logger(configuration)
        return try await reportingErrors {
            let database = try await configuration.database.open(limits: configuration.databaseLimits, logger: logger)
            return try await database.whileRunning { try await body(configuration, logger, $0) }
        }
    }

    /// Runs `body`, reporting database problems against the variable that names the database.
    static func reportingErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DatabaseOpenError {
            fail("DATABASE_URL: \(error.reason)")
        } catch let error as UnknownMigrationsError {
            fail(error.description)
        } catch let error as LocalAuthSecretError {
            fail("GENTA_LOCAL_AUTH_SECRET: \(error.message)")
        } catch let error as BackupError {
            fail(error.message)
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("genta: \(message)\n".utf8))
        exit(1)
    }

    private static func bootstrapLogging(level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
