import Foundation
import GentaCore
import GentaIntegrations
import GentaTestSupport
import Testing

@Suite struct LocalTokenTests {
    let clock = TestClock()
    let secret = Array("0123456789abcdef0123456789abcdef".utf8)

    var issuer: LocalTokenIssuer { get throws { try LocalTokenIssuer(secret: secret, clock: clock.wallClock) } }
    var verifier: LocalTokenVerifier { get throws { try LocalTokenVerifier(secret: secret, clock: clock.wallClock) } }

    @Test func mintedTokensVerify() async throws {
        let token = try await issuer.mint(email: "  Budi@Example.ID ", role: .reviewer, name: "Budi Santoso")
        let identity = try await verifier.verify(token)
        #expect(
            identity
                == VerifiedIdentity(
                    subject: "local|budi@example.id", email: "budi@example.id", fullName: "Budi Santoso",
                    role: .reviewer))
    }

    @Test func lastThirtyDaysByDefault() async throws {
        let token = try await issuer.mint(email: "a@b.id", role: .student)
        clock.advance(by: 29 * 24 * 3600)
        #expect(try await verifier.verify(token).role == .student)
        clock.advance(by: 2 * 24 * 3600)
        await #expect(throws: AuthError.expired) { try await verifier.verify(token) }
    }

    @Test func expireAfterTheirLifetimeGivenSkew() async throws {
        let token = try await issuer.mint(email: "a@b.id", role: .admin, lifetime: .seconds(60))
        clock.advance(by: 63)
        #expect(try await verifier.verify(token).role == .admin)
        clock.advance(by: 10)
        await #expect(throws: AuthError.expired) { try await verifier.verify(token) }
    }

    @Test func refuseAnotherSecret() async throws {
        let token = try await issuer.mint(email: "a@b.id", role: .admin)
        let other = try LocalTokenVerifier(secret: Array(repeating: 7, count: 32), clock: clock.wallClock)
        await #expect(throws: AuthError.badSignature) { try await other.verify(token) }
    }

    @Test func refuseTokensFromTheFuture() async throws {
        let token = try await issuer.mint(email: "a@b.id", role: .student)
        clock.advance(by: -60)
        await #expect(throws: AuthError.notYetValid) { try await verifier.verify(token) }
    }

    @Test func refuseClerkTokensAndGarbage() async throws {
        let clerkToken = try await RSATestKey.primary.sign(ClerkFixture.claims(at: clock.now))
        await #expect(throws: AuthError.algorithmNotAllowed) { try await verifier.verify(clerkToken) }
        await #expect(throws: AuthError.malformedToken) { try await verifier.verify("x.y") }
        await #expect(throws: AuthError.missingToken) { try await verifier.verify("") }
    }

    @Test func refuseShortSecrets() {
        #expect(throws: LocalAuthSecretError.tooShort(path: nil)) {
            try LocalTokenIssuer(secret: Array(repeating: 1, count: 31), clock: clock.wallClock)
        }
        #expect(throws: LocalAuthSecretError.tooShort(path: nil)) {
            try LocalTokenVerifier(secret: [], clock: clock.wallClock)
        }
    }
}
