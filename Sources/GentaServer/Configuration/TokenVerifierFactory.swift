import GentaCore
import GentaIntegrations
import Logging

extension AuthConfiguration {
    /// The verifier this configuration asks for. Local mode reads (or creates) its signing key.
    public func makeVerifier(clock: WallClock, logger: Logger) throws -> any TokenVerifier {
        switch self {
        case .clerk(let clerk):
            return ClerkTokenVerifier(
                issuer: clerk.issuer, authorizedParties: clerk.authorizedParties,
                jwksFetcher: HTTPJWKSFetcher(url: clerk.jwksURL, logger: logger), clock: clock, logger: logger)
        case .local(let secret, let path):
            return try LocalTokenVerifier(secret: secret ?? LocalAuthSecret.loadOrCreate(at: path), clock: clock)
        }
    }

    /// The signing key of local mode (for `genta token`); nil in Clerk mode.
    public func localSecret() throws -> [UInt8]? {
        guard case .local(let secret, let path) = self else { return nil }
        return try secret ?? LocalAuthSecret.loadOrCreate(at: path)
    }

    /// The webhook signature checker, when a Clerk webhook secret is configured.
    public func makeWebhookVerifier(clock: WallClock) throws -> SvixVerifier? {
        guard case .clerk(let clerk) = self, let secret = clerk.webhookSecret else { return nil }
        return try SvixVerifier(secret: secret, clock: clock)
    }
}
