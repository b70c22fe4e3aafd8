import Foundation
import GentaCore
import GentaIntegrations
import GentaTestSupport
import JWTKit
import Testing

/// The claim checks of `ClerkTokenVerifier`, against tokens signed by a key the verifier reads
/// from an in-memory JWKS.
@Suite struct ClerkTokenClaimsTests {
    let clock = TestClock()
    let key = RSATestKey.primary

    func verify(
        _ overrides: [String: JWTHeaderField] = [:], removing: Set<String> = [],
        authorizedParties: Set<String> = [ClerkFixture.site]
    ) async throws -> VerifiedIdentity {
        let verifier = ClerkFixture.verifier(
            fetcher: StaticJWKSFetcher(document: jwksDocument([key])), clock: clock,
            authorizedParties: authorizedParties)
        let token = try await key.sign(ClerkFixture.claims(at: clock.now, overrides: overrides, removing: removing))
        return try await verifier.verify(token)
    }

    @Test func acceptsAValidToken() async throws {
        let identity = try await verify()
        #expect(identity == VerifiedIdentity(subject: "user_2abcDEF", sessionID: "sess_2xYz"))
    }

    @Test func readsTemplateClaimsAndRoleFromMetadata() async throws {
        let identity = try await verify([
            "email": "siti@genta.test", "name": "Siti Rahma", "metadata": ["role": "Reviewer"],
        ])
        #expect(identity.email == "siti@genta.test")
        #expect(identity.fullName == "Siti Rahma")
        #expect(identity.role == .reviewer)
    }

    @Test func prefersTheRoleClaimAndIgnoresUnknownRoles() async throws {
        #expect(try await verify(["role": "admin", "public_metadata": ["role": "student"]]).role == .admin)
        #expect(try await verify(["public_metadata": ["role": "student"]]).role == .student)
        #expect(try await verify(["role": "superuser"]).role == nil)
        // A template typo gives the wrong shape: the claim is dropped, the token still works.
        #expect(try await verify(["metadata": "admin", "email": 42]).role == nil)
    }

    @Test func refusesAnExpiredToken() async throws {
        let now = Int(clock.now.timeIntervalSince1970)
        await #expect(throws: AuthError.expired) { try await verify(["exp": .int(now - 10)]) }
    }

    @Test func refusesATokenNotValidYet() async throws {
        let now = Int(clock.now.timeIntervalSince1970)
        await #expect(throws: AuthError.notYetValid) { try await verify(["nbf": .int(now + 30)]) }
        await #expect(throws: AuthError.notYetValid) { try await verify(["iat": .int(now + 30)]) }
    }

    @Test func toleratesClockSkewOfFiveSeconds() async throws {
        let now = Int(clock.now.timeIntervalSince1970)
        let identity = try await verify(["exp": .int(now - 3), "nbf": .int(now + 3), "iat": .int(now + 3)])
        #expect(identity.subject == "user_2abcDEF")
    }

    @Test func refusesAnotherIssuer() async throws {
        await #expect(throws: AuthError.wrongIssuer) { try await verify(["iss": "https://clerk.evil.test"]) }
        // Exact comparison: not even a trailing slash is forgiven.
        await #expect(throws: AuthError.wrongIssuer) { try await verify(["iss": "https://clerk.genta.test/"]) }
        await #expect(throws: AuthError.wrongIssuer) { try await verify(removing: ["iss"]) }
    }

    @Test func refusesAnUnauthorizedParty() async throws {
        await #expect(throws: AuthError.unauthorizedParty) { try await verify(["azp": "https://evil.test"]) }
        await #expect(throws: AuthError.unauthorizedParty) { try await verify(removing: ["azp"]) }
        // With no parties configured, azp is not checked.
        let identity = try await verify(["azp": "https://anything.test"], authorizedParties: [])
        #expect(identity.subject == "user_2abcDEF")
    }

    @Test func refusesAPendingSession() async throws {
        await #expect(throws: AuthError.pendingSession) { try await verify(["sts": "pending"]) }
    }

    @Test func requiresSubjectAndExpiry() async throws {
        await #expect(throws: AuthError.invalidClaims) { try await verify(removing: ["sub"]) }
        await #expect(throws: AuthError.invalidClaims) { try await verify(["sub": ""]) }
        await #expect(throws: AuthError.invalidClaims) { try await verify(removing: ["exp"]) }
        await #expect(throws: AuthError.malformedToken) { try await verify(["sub": 12345]) }
    }
}
