import Foundation
import GentaCore
import JWTKit
import Logging

/// Verifies Clerk session tokens: RS256 only, keys from Clerk's JWKS (cached, refetched on an
/// unknown `kid`), then the claims against the injected clock. jwt-kit checks the signature;
/// every time decision is made here, so a fixed `WallClock` really fixes "now".
public struct ClerkTokenVerifier: TokenVerifier {
    /// The exact `iss` Clerk writes: the Frontend API URL, e.g. `https://clerk.genta.id`.
    public let issuer: String
    /// Origins allowed in `azp`. Empty means "do not check"; otherwise a token must carry an
    /// `azp` from this list (stricter than Clerk's SDK, which lets a token without `azp` pass).
    public let authorizedParties: Set<String>
    /// Tolerated disagreement between our clock and Clerk's, applied to `exp`, `nbf` and `iat`.
    public let clockSkew: Duration
    private let clock: WallClock
    private let keyCache: ClerkKeyCache

    /// - Parameters:
    ///   - issuer: Compared with `iss` exactly (no trailing-slash forgiveness: Clerk never adds one).
    ///   - authorizedParties: Allowed `azp` values, e.g. `["https://genta.id"]`.
    ///   - jwksFetcher: Where the keys come from; `HTTPJWKSFetcher(url: CLERK_JWKS_URL)` in production.
    ///   - clock: Decides `exp`, `nbf`, `iat` and the key cache's age.
    ///   - clockSkew: Tolerated clock disagreement with Clerk (Clerk's SDK also uses 5 s).
    ///   - keyCacheLifetime: How long fetched keys are used before fetching again.
    ///   - minimumRefetchInterval: At most one JWKS fetch per interval, however many unknown
    ///     `kid`s arrive.
    public init(
        issuer: String, authorizedParties: Set<String> = [], jwksFetcher: some JWKSFetching, clock: WallClock,
        clockSkew: Duration = .seconds(5), keyCacheLifetime: Duration = .seconds(300),
        minimumRefetchInterval: Duration = .seconds(30), logger: Logger = Logger(label: "genta.clerk")
    ) {
        self.issuer = issuer
        self.authorizedParties = authorizedParties
        self.clockSkew = clockSkew
        self.clock = clock
        self.keyCache = ClerkKeyCache(
            fetcher: jwksFetcher, clock: clock, lifetime: keyCacheLifetime,
            minimumRefetchInterval: minimumRefetchInterval, logger: logger)
    }

    public func verify(_ token: String) async throws(AuthError) -> VerifiedIdentity {
        let token = token.trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty else { throw .missingToken }
        let header = try JWTHeaderPeek(token: token)
        // RS256 is all Clerk issues; refusing the rest up front stops `none` and HS256 tokens
        // that name an RSA key (algorithm confusion) before any key is touched.
        guard header.algorithm == "RS256" else { throw .algorithmNotAllowed }
        guard let kid = header.keyID, !kid.isEmpty else { throw .malformedToken }
        let keys = try await keyCache.keys(for: kid)
        let claims: ClerkSessionClaims
        do {
            claims = try await keys.verify(token, as: ClerkSessionClaims.self)
        } catch let error as JWTError where error.errorType == .malformedToken {
            throw .malformedToken
        } catch {
            throw .badSignature
        }
        return try identity(from: claims)
    }

    /// Clerk's checks, in the order its SDK reports them, with our clock.
    private func identity(from claims: ClerkSessionClaims) throws(AuthError) -> VerifiedIdentity {
        guard let subject = claims.subject, !subject.isEmpty else { throw .invalidClaims }
        guard claims.issuer == issuer else { throw .wrongIssuer }
        try TokenValidityWindow(now: clock.now(), skew: clockSkew)
            .check(expiresAt: claims.expiresAt, notBefore: claims.notBefore, issuedAt: claims.issuedAt)
        if !authorizedParties.isEmpty {
            guard let party = claims.authorizedParty, authorizedParties.contains(party) else {
                throw .unauthorizedParty
            }
        }
        guard claims.sessionStatus != "pending" else { throw .pendingSession }
        return VerifiedIdentity(
            subject: subject,
            email: claims.email,
            fullName: claims.name,
            role: Role(claim: claims.role) ?? Role(claim: claims.metadata?.role)
                ?? Role(claim: claims.publicMetadata?.role),
            sessionID: claims.sessionID
        )
    }
}
