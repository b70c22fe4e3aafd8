import GentaIntegrations
import GentaTestSupport

/// Verifiers of the fixture's Clerk instance, on the integration tests' hand-moved clock.
extension ClerkFixture {
    static func verifier(
        jwksURL: String, clock: TestClock, authorizedParties: Set<String> = [site]
    ) -> ClerkTokenVerifier {
        verifier(fetcher: HTTPJWKSFetcher(url: jwksURL, logger: quietLogger()), clock: clock,
                 authorizedParties: authorizedParties)
    }

    static func verifier(
        fetcher: some JWKSFetching, clock: TestClock, authorizedParties: Set<String> = [site]
    ) -> ClerkTokenVerifier {
        ClerkTokenVerifier(
            issuer: issuer, authorizedParties: authorizedParties, jwksFetcher: fetcher, clock: clock.wallClock,
            logger: quietLogger())
    }
}
