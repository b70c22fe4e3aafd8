import GentaIntegrations
import GentaServer
import GentaTestSupport
import HTTPTypes
import JWTKit
import SQLKit
import Testing

/// Clerk mode through the whole application: the verifier comes from the production factory
/// (`AuthConfiguration.makeVerifier`) and fetches its keys over HTTP from a stand-in Clerk, as
/// `genta serve` does with CLERK_JWKS_URL; only the JWKS server and the signing key are fake.
@Suite("Sign-in with Clerk session tokens")
struct ClerkSignInTests {
    /// What a session token template adds (`{{user.primary_email_address}}`, `{{user.full_name}}`);
    /// the first request creates the account from them.
    static let templateClaims: [String: JWTHeaderField] = ["email": "siti@genta.test", "name": "Siti Rahma"]

    @Test("an RS256 session token signs in by header or cookie; another key, expiry and another issuer are refused",
          arguments: TestDatabaseKind.allCases)
    func signIn(kind: TestDatabaseKind) async throws {
        let clerk = StandInClerkState(keys: [.primary])
        try await withStandInClerk(clerk) { jwksURL in
            try await PracticeHarness.runSignedInByClerk(kind, jwksURL: jwksURL) { app in
                let token = try await RSATestKey.primary.sign(
                    ClerkFixture.claims(at: app.clock.now, overrides: Self.templateClaims))

                let me = try await app.call(.get, "/api/v1/me", token: token)
                #expect(me.status == .ok)
                #expect(me.json["email"] as? String == "siti@genta.test")
                #expect(me.json["full_name"] as? String == "Siti Rahma")
                #expect(me.json["role"] as? String == "student")
                #expect(try await app.count("SELECT COUNT(*) AS n FROM users WHERE clerk_id = \(bind: "user_2abcDEF")") == 1)

                let session = try await app.startSession(token, section: .pu)
                let question = try await app.next(token, session: session)
                #expect(question.status == .ok)
                #expect(question.json["session_id"] as? String == session)
                #expect(question.json["id"] is String)

                // Same-origin calls carry the token in Clerk's `__session` cookie instead.
                let cookie = try await app.call(.get, "/api/v1/me", token: nil, headers: [.cookie: "theme=dark; __session=\(token)"])
                #expect(cookie.status == .ok)
                #expect(cookie.json["id"] as? String == me.json["id"] as? String)

                // Names Clerk's kid but was signed by a key Clerk never published.
                let forged = try await RSATestKey.rotated.sign(
                    ClerkFixture.claims(at: app.clock.now), header: ["kid": .string(RSATestKey.primary.kid)])
                #expect(try await Self.refusal(app, forged) == "token_signature_invalid")

                let now = Int(app.clock.now.timeIntervalSince1970)
                let expired = try await RSATestKey.primary.sign(ClerkFixture.claims(
                    at: app.clock.now, overrides: ["iat": .int(now - 3_600), "nbf": .int(now - 3_600), "exp": .int(now - 60)]))
                #expect(try await Self.refusal(app, expired) == "token_expired")

                let foreign = try await RSATestKey.primary.sign(
                    ClerkFixture.claims(at: app.clock.now, overrides: ["iss": "https://clerk.someone-else.test"]))
                #expect(try await Self.refusal(app, foreign) == "token_issuer_invalid")

                #expect(try await app.count("SELECT COUNT(*) AS n FROM users") == 1)
                // Every token was checked against keys fetched once over HTTP and then cached.
                #expect(await clerk.jwksFetches == 1)
            }
        }
    }

    /// The error code of a refused `GET /api/v1/me`, or nil when the status is not 401.
    static func refusal(_ app: PracticeHarness, _ token: String) async throws -> String? {
        let response = try await app.call(.get, "/api/v1/me", token: token)
        guard response.status == .unauthorized else { return nil }
        return PracticeLoopTests.code(response.json)
    }
}
