import Foundation
import GentaIntegrations
import GentaTestSupport
import Testing

/// Fetching, caching and refetching Clerk's keys, against a stand-in Clerk over real HTTP.
@Suite struct ClerkKeyFetchingTests {
    let clock = TestClock()

    func token(_ key: RSATestKey, kid: String? = nil) async throws -> String {
        try await key.sign(ClerkFixture.claims(at: clock.now), header: kid.map { ["kid": .string($0)] } ?? [:])
    }

    @Test func fetchesOnceAndServesFromTheCacheForFiveMinutes() async throws {
        let clerk = StandInClerkState(keys: [.primary])
        try await withStandInClerk(clerk) { url in
            let verifier = ClerkFixture.verifier(jwksURL: url, clock: clock)
            _ = try await verifier.verify(try await token(.primary))
            clock.advance(by: 120)
            _ = try await verifier.verify(try await token(.primary))
            #expect(await clerk.jwksFetches == 1)
            clock.advance(by: 181)
            _ = try await verifier.verify(try await token(.primary))
            #expect(await clerk.jwksFetches == 2)
        }
    }

    @Test func concurrentColdVerificationsShareOneFetch() async throws {
        let clerk = StandInClerkState(keys: [.primary])
        try await withStandInClerk(clerk) { url in
            let verifier = ClerkFixture.verifier(jwksURL: url, clock: clock)
            let token = try await token(.primary)
            try await withThrowingTaskGroup(of: VerifiedIdentity.self) { group in
                for _ in 0..<8 { group.addTask { try await verifier.verify(token) } }
                for try await identity in group { #expect(identity.subject == "user_2abcDEF") }
            }
            #expect(await clerk.jwksFetches == 1)
        }
    }

    @Test func refetchesOnAnUnknownKidAndAcceptsTheRotatedKey() async throws {
        let clerk = StandInClerkState(keys: [.primary])
        try await withStandInClerk(clerk) { url in
            let verifier = ClerkFixture.verifier(jwksURL: url, clock: clock)
            _ = try await verifier.verify(try await token(.primary))
            await clerk.serve([.primary, .rotated])
            clock.advance(by: 60)
            let identity = try await verifier.verify(try await token(.rotated))
            #expect(identity.subject == "user_2abcDEF")
            #expect(await clerk.jwksFetches == 2)
        }
    }

    @Test func unknownKidsRefetchAtMostOncePerThirtySeconds() async throws {
        let clerk = StandInClerkState(keys: [.primary])
        try await withStandInClerk(clerk) { url in
            let verifier = ClerkFixture.verifier(jwksURL: url, clock: clock)
            _ = try await verifier.verify(try await token(.primary))
            clock.advance(by: 60)
            await #expect(throws: AuthError.unknownKeyID) {
                try await verifier.verify(try await token(.primary, kid: "ins_bogus_1"))
            }
            #expect(await clerk.jwksFetches == 2)
            clock.advance(by: 10)
            await #expect(throws: AuthError.unknownKeyID) {
                try await verifier.verify(try await token(.primary, kid: "ins_bogus_2"))
            }
            #expect(await clerk.jwksFetches == 2)
            // Known keys keep working without a fetch meanwhile.
            _ = try await verifier.verify(try await token(.primary))
            clock.advance(by: 20)
            await #expect(throws: AuthError.unknownKeyID) {
                try await verifier.verify(try await token(.primary, kid: "ins_bogus_3"))
            }
            #expect(await clerk.jwksFetches == 3)
        }
    }

    @Test func clerkDownMeansUnavailable() async throws {
        let clerk = StandInClerkState(keys: [.primary])
        await clerk.fail(with: .serviceUnavailable)
        try await withStandInClerk(clerk) { url in
            let verifier = ClerkFixture.verifier(jwksURL: url, clock: clock)
            let error = await #expect(throws: AuthError.self) { try await verifier.verify(try await token(.primary)) }
            #expect(error == .jwksUnavailable)
            #expect(error?.isUnavailable == true)
            #expect(error?.appError.kind == .unavailable)
        }
    }

    @Test func unreachableClerkMeansUnavailable() async throws {
        // The stand-in has stopped, so its port now refuses connections.
        let url = try await withStandInClerk(StandInClerkState(keys: [.primary])) { url in url }
        // AsyncHTTPClient retries refused connections until the deadline: keep it short.
        let fetcher = HTTPJWKSFetcher(url: url, timeout: .milliseconds(300), logger: quietLogger())
        let verifier = ClerkFixture.verifier(fetcher: fetcher, clock: clock)
        await #expect(throws: AuthError.jwksUnavailable) { try await verifier.verify(try await token(.primary)) }
    }

    @Test func garbageFromClerkMeansUnavailable() async throws {
        let verifier = ClerkFixture.verifier(fetcher: StaticJWKSFetcher(document: Array("<html>".utf8)), clock: clock)
        await #expect(throws: AuthError.jwksUnavailable) { try await verifier.verify(try await token(.primary)) }
    }

    @Test func keepsUsingHeldKeysWhileClerkIsDown() async throws {
        let clerk = StandInClerkState(keys: [.primary])
        try await withStandInClerk(clerk) { url in
            let verifier = ClerkFixture.verifier(jwksURL: url, clock: clock)
            _ = try await verifier.verify(try await token(.primary))
            await clerk.fail(with: .badGateway)
            clock.advance(by: 600)
            _ = try await verifier.verify(try await token(.primary))
            #expect(await clerk.jwksFetches == 2)
            // The failed fetch also counts towards the refetch interval.
            clock.advance(by: 5)
            _ = try await verifier.verify(try await token(.primary))
            #expect(await clerk.jwksFetches == 2)
        }
    }

    @Test func skipsKeysItCannotUse() async throws {
        let odd: [[String: String]] = [
            ["kty": "EC", "kid": "ins_ec", "crv": "P-256", "x": "AA", "y": "AA", "alg": "ES256"],
            ["kty": "oct", "kid": "ins_oct", "k": "c2VjcmV0"],
            ["kty": "RSA", "kid": "ins_enc", "use": "enc", "n": "AQAB", "e": "AQAB"],
        ]
        let clerk = StandInClerkState(keys: [])
        await clerk.serve([.primary], extraEntries: odd)
        try await withStandInClerk(clerk) { url in
            let verifier = ClerkFixture.verifier(jwksURL: url, clock: clock)
            _ = try await verifier.verify(try await token(.primary))
            clock.advance(by: 60)
            await #expect(throws: AuthError.unknownKeyID) {
                try await verifier.verify(try await token(.primary, kid: "ins_enc"))
            }
        }
    }
}
