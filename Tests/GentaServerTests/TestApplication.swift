import GentaCore
import GentaIntegrations
import GentaServer
import GentaStore
import GentaTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit

/// Builds the real application over a test database and drives it in-process.
enum TestApplication {
    static func test<T: Sendable>(
        _ kind: TestDatabaseKind,
        _ body: @Sendable @escaping (any TestClientProtocol, any Database) async throws -> T
    ) async throws -> T {
        try await TestDatabase.with(kind) { database in
            try await test(database: database) { client in try await body(client, database) }
        }
    }

    static func test<T: Sendable>(
        database: any Database, limits: RequestLimits = .unlimitedForTests, metricsToken: String? = nil,
        framework: TestingSetup = .router,
        _ body: @Sendable @escaping (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        let app = buildApplication(
            configuration: AppConfiguration(port: 0),
            dependencies: AppDependencies(
                database: database,
                tokenVerifier: try LocalTokenVerifier(secret: PracticeHarness.secret, clock: .fixed(TestDatabase.referenceNow)),
                clock: .fixed(TestDatabase.referenceNow), limits: limits, metricsToken: metricsToken),
            logger: TestDatabase.logger)
        return try await app.test(framework, body)
    }
}

extension RequestLimits {
    /// Tests of other behaviour send bursts no real student would; the limits have tests of their own.
    static let unlimitedForTests = RequestLimits(
        userPerMinute: 1_000_000, userBurst: 1_000_000, userConcurrency: 10_000,
        addressPerMinute: 1_000_000, addressBurst: 1_000_000)
}
