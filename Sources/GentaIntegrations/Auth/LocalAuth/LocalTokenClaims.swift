import JWTKit

/// What a local-mode token says: who (`sub` = `local|<email>`), their role, and when it was
/// issued and expires. Written only by `LocalTokenIssuer`.
struct LocalTokenClaims: JWTPayload {
    var subject: String
    var email: String
    var name: String?
    var role: String
    var issuer: String
    var issuedAt: Int
    var expiresAt: Int

    /// Every local token carries this issuer, so a token from elsewhere that happens to share
    /// the secret is still refused.
    static let issuerName = "genta-local"

    /// Does nothing on purpose: `LocalTokenVerifier` checks the claims with the injected clock.
    func verify(using _: some JWTAlgorithm) async throws {}

    private enum CodingKeys: String, CodingKey {
        case subject = "sub", email, name, role, issuer = "iss", issuedAt = "iat", expiresAt = "exp"
    }
}
