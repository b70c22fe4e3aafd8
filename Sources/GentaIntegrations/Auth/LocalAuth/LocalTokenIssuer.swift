import Foundation
import GentaCore
import JWTKit

/// Mints HS256 tokens for local mode (development and self-hosting without Clerk), signed with
/// the secret from `LocalAuthSecret`. `LocalTokenVerifier` with the same secret accepts them.
public struct LocalTokenIssuer: Sendable {
    private let secret: [UInt8]
    private let clock: WallClock

    /// Thirty days: local mode has no refresh flow, so a token lasts like a remembered sign-in.
    public static let defaultLifetime: Duration = .seconds(30 * 24 * 60 * 60)

    /// - Throws: `LocalAuthSecretError.tooShort` for a secret under 32 bytes.
    public init(secret: [UInt8], clock: WallClock) throws(LocalAuthSecretError) {
        guard secret.count >= LocalAuthKeys.minimumSecretLength else { throw .tooShort(path: nil) }
        self.secret = secret
        self.clock = clock
    }

    /// A signed token for `email` (trimmed and lowercased, so one person is one subject however
    /// they type their address) with `role`, valid from now for `lifetime`.
    public func mint(email: String, role: Role, name: String? = nil, lifetime: Duration = defaultLifetime) async throws
        -> String
    {
        let email = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let now = clock.now().timeIntervalSince1970
        // Bounded: a clock or lifetime far out of range must not trap the conversion.
        let seconds = 0...Int(Int32.max) * 64
        let issuedAt = Bounded.integer(now.rounded(.down), in: seconds) ?? 0
        let expiresAt = Bounded.integer((now + lifetime.timeInterval).rounded(.down), in: seconds) ?? issuedAt
        let claims = LocalTokenClaims(
            subject: "local|\(email)", email: email, name: name, role: role.rawValue,
            issuer: LocalTokenClaims.issuerName, issuedAt: issuedAt, expiresAt: expiresAt)
        return try await LocalAuthKeys.collection(secret: secret).sign(claims)
    }
}
