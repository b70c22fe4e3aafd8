import Foundation
import GentaCore
import JWTKit

/// Verifies tokens minted by `LocalTokenIssuer`: HS256 with the local secret, issuer
/// `genta-local`, `exp`/`iat` against the injected clock, and a known role.
public struct LocalTokenVerifier: TokenVerifier {
    private let secret: [UInt8]
    private let clock: WallClock
    /// Tolerated clock disagreement, applied to `exp` and `iat`; matters when several
    /// machines share one secret.
    public let clockSkew: Duration

    /// - Throws: `LocalAuthSecretError.tooShort` for a secret under 32 bytes.
    public init(secret: [UInt8], clock: WallClock, clockSkew: Duration = .seconds(5)) throws(LocalAuthSecretError) {
        guard secret.count >= LocalAuthKeys.minimumSecretLength else { throw .tooShort(path: nil) }
        self.secret = secret
        self.clock = clock
        self.clockSkew = clockSkew
    }

    public func verify(_ token: String) async throws(AuthError) -> VerifiedIdentity {
        let token = token.trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty else { throw .missingToken }
        // jwt-kit would check an `alg: none` token with our HMAC key and fail it anyway; saying
        // why is kinder, and nothing but HS256 is ever minted here.
        guard try JWTHeaderPeek(token: token).algorithm == "HS256" else { throw .algorithmNotAllowed }
        let claims: LocalTokenClaims
        do {
            claims = try await LocalAuthKeys.collection(secret: secret).verify(token, as: LocalTokenClaims.self)
        } catch let error as JWTError where error.errorType == .malformedToken {
            throw .malformedToken
        } catch {
            throw .badSignature
        }
        guard claims.issuer == LocalTokenClaims.issuerName else { throw .wrongIssuer }
        try TokenValidityWindow(now: clock.now(), skew: clockSkew)
            .check(expiresAt: Double(claims.expiresAt), notBefore: nil, issuedAt: Double(claims.issuedAt))
        guard claims.subject == "local|\(claims.email)", let role = Role(rawValue: claims.role) else {
            throw .invalidClaims
        }
        return VerifiedIdentity(subject: claims.subject, email: claims.email, fullName: claims.name, role: role)
    }
}
