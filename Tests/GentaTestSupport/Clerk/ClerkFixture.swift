import Foundation
import JWTKit

/// The Clerk instance the tests pretend to be, and the session tokens it issues.
public enum ClerkFixture {
    public static let issuer = "https://clerk.genta.test"
    public static let site = "https://genta.test"

    /// Claims as Clerk's v2 session token carries them, valid at `now` for a minute, with
    /// `overrides` applied and the `removing` names left out.
    public static func claims(
        at now: Date, overrides: [String: JWTHeaderField] = [:], removing: Set<String> = []
    ) -> [String: JWTHeaderField] {
        let seconds = Int(now.timeIntervalSince1970)
        var claims: [String: JWTHeaderField] = [
            "azp": .string(site), "exp": .int(seconds + 60), "fva": [.int(1), .int(-1)], "iat": .int(seconds - 10),
            "iss": .string(issuer), "jti": "7c1f1a0a2f5e4b0f", "nbf": .int(seconds - 10), "sid": "sess_2xYz",
            "sub": "user_2abcDEF", "v": 2, "pla": "u:free", "fea": "", "sts": "active",
        ]
        for (name, value) in overrides { claims[name] = value }
        for name in removing { claims[name] = nil }
        return claims
    }
}
