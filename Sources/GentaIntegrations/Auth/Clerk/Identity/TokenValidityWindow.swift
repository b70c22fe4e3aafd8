import GentaCore
import Foundation

/// Checks a token's time claims against the injected clock. jwt-kit's own `exp`/`nbf` checks read
/// the machine's clock, so the verifiers only let jwt-kit check the signature and decide the
/// time here, where tests can fix "now".
struct TokenValidityWindow: Sendable {
    /// Now, in seconds since 1970, as the NumericDate claims are.
    var now: TimeInterval
    /// Tolerated disagreement between our clock and the issuer's.
    var skew: TimeInterval

    init(now: Date, skew: Duration) {
        self.now = now.timeIntervalSince1970
        self.skew = skew.timeInterval
    }

    /// `exp` is required and must lie after now − skew; `nbf` and `iat`, when present, must not
    /// lie after now + skew.
    func check(expiresAt: Double?, notBefore: Double?, issuedAt: Double?) throws(AuthError) {
        guard let expiresAt else { throw .invalidClaims }
        guard expiresAt > now - skew else { throw .expired }
        if let notBefore, notBefore > now + skew { throw .notYetValid }
        if let issuedAt, issuedAt > now + skew { throw .notYetValid }
    }
}
