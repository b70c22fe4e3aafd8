import Crypto
import Foundation
import GentaIntegrations
import GentaTestSupport
import JWTKit
import Testing

/// What `ClerkTokenVerifier` refuses before or at the signature check.
@Suite struct ClerkTokenSignatureTests {
    let clock = TestClock()
    let fetches = FetchCounter()

    var verifier: ClerkTokenVerifier {
        ClerkFixture.verifier(
            fetcher: CountingFetcher(base: StaticJWKSFetcher(document: jwksDocument([.primary])), counter: fetches),
            clock: clock)
    }

    var claims: [String: JWTHeaderField] { ClerkFixture.claims(at: clock.now) }

    @Test func refusesMissingAndMalformedTokens() async throws {
        await #expect(throws: AuthError.missingToken) { try await verifier.verify("  ") }
        await #expect(throws: AuthError.malformedToken) { try await verifier.verify("not-a-jwt") }
        await #expect(throws: AuthError.malformedToken) { try await verifier.verify("a.b.c.d") }
        await #expect(throws: AuthError.malformedToken) { try await verifier.verify("%%%.e30.") }
        #expect(await fetches.count == 0)
    }

    @Test func refusesAlgNone() async throws {
        let header = base64URL(Data(#"{"alg":"none","typ":"JWT","kid":"ins_primary"}"#.utf8))
        let payload = base64URL(try JSONEncoder().encode(TestClaims(claims)))
        await #expect(throws: AuthError.algorithmNotAllowed) { try await verifier.verify("\(header).\(payload).") }
        #expect(await fetches.count == 0)
    }

    /// Algorithm confusion: an HS256 token keyed with the RSA public key, naming the RSA key's
    /// kid, would verify if the verifier let the token choose the algorithm.
    @Test func refusesHS256() async throws {
        let keys = JWTKeyCollection()
        await keys.add(
            hmac: HMACKey(from: Array(RSATestKey.primary.privateKey.publicKey.pemRepresentation.utf8)),
            digestAlgorithm: .sha256)
        let token = try await keys.sign(TestClaims(claims), header: ["kid": "ins_primary"])
        await #expect(throws: AuthError.algorithmNotAllowed) { try await verifier.verify(token) }
        #expect(await fetches.count == 0)
    }

    @Test func refusesATokenWithoutKid() async throws {
        let token = try await RSATestKey.primary.sign(claims, header: ["kid": .null])
        await #expect(throws: AuthError.malformedToken) { try await verifier.verify(token) }
    }

    @Test func refusesASignatureByAnotherKey() async throws {
        // Signed by a key Clerk never published, but naming Clerk's kid.
        let token = try await RSATestKey.rotated.sign(claims, header: ["kid": "ins_primary"])
        await #expect(throws: AuthError.badSignature) { try await verifier.verify(token) }
    }

    @Test func refusesATamperedPayload() async throws {
        let token = try await RSATestKey.primary.sign(claims)
        let parts = token.split(separator: ".")
        var forged = claims
        forged["sub"] = "user_someoneElse"
        let tampered = "\(parts[0]).\(base64URL(try JSONEncoder().encode(TestClaims(forged)))).\(parts[2])"
        await #expect(throws: AuthError.badSignature) { try await verifier.verify(tampered) }
    }
}

/// Counts fetches made through `CountingFetcher`.
actor FetchCounter {
    private(set) var count = 0

    func increment() {
        count += 1
    }
}

/// Wraps a fetcher to count how often the verifier asks for keys.
struct CountingFetcher<Base: JWKSFetching>: JWKSFetching {
    var base: Base
    var counter: FetchCounter

    func fetchJWKS() async throws(AuthError) -> [UInt8] {
        await counter.increment()
        return try await base.fetchJWKS()
    }
}
