import GentaCore
import GentaServer
import GentaTestSupport

extension PracticeHarness {
    /// The harness signing in with Clerk session tokens whose keys the stand-in Clerk at
    /// `jwksURL` serves (issuer and authorised party from `ClerkFixture`).
    static func runSignedInByClerk(
        _ kind: TestDatabaseKind, jwksURL: String, _ body: @Sendable @escaping (PracticeHarness) async throws -> Void
    ) async throws {
        let auth = AuthConfiguration.clerk(.init(
            jwksURL: jwksURL, issuer: ClerkFixture.issuer, authorizedParties: [ClerkFixture.site], webhookSecret: nil))
        try await run(kind, tokenVerifier: { try auth.makeVerifier(clock: $0, logger: quietLogger()) }, body)
    }
}
