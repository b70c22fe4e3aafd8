import JWTKit

/// The claims of a Clerk session token (v2) that Genta reads. Unknown claims (`fva`, `pla`,
/// `fea`, `o`, …) are ignored. The registered claims must have their registered types or the
/// token is malformed; the optional extras a dashboard template adds (`email`, `name`, `role`,
/// `metadata`, `public_metadata`) are dropped silently when they have another shape, because a
/// template typo should cost a display name, not every sign-in.
struct ClerkSessionClaims: JWTPayload {
    var subject: String?
    var issuer: String?
    var authorizedParty: String?
    var expiresAt: Double?
    var notBefore: Double?
    var issuedAt: Double?
    var sessionID: String?
    var sessionStatus: String?
    var email: String?
    var name: String?
    var role: String?
    var metadata: RoleMetadata?
    var publicMetadata: RoleMetadata?

    /// Does nothing on purpose: jwt-kit calls this after the signature check with the system
    /// clock in reach; `ClerkTokenVerifier` checks every claim itself against the injected clock.
    func verify(using _: some JWTAlgorithm) async throws {}

    private enum CodingKeys: String, CodingKey {
        case subject = "sub", issuer = "iss", authorizedParty = "azp"
        case expiresAt = "exp", notBefore = "nbf", issuedAt = "iat"
        case sessionID = "sid", sessionStatus = "sts"
        case email, name, role, metadata
        case publicMetadata = "public_metadata"
    }

    init(from decoder: any Decoder) throws {
        let claims = try decoder.container(keyedBy: CodingKeys.self)
        subject = try claims.decodeIfPresent(String.self, forKey: .subject)
        issuer = try claims.decodeIfPresent(String.self, forKey: .issuer)
        authorizedParty = try claims.decodeIfPresent(String.self, forKey: .authorizedParty)
        expiresAt = try claims.decodeIfPresent(Double.self, forKey: .expiresAt)
        notBefore = try claims.decodeIfPresent(Double.self, forKey: .notBefore)
        issuedAt = try claims.decodeIfPresent(Double.self, forKey: .issuedAt)
        sessionID = try claims.decodeIfPresent(String.self, forKey: .sessionID)
        sessionStatus = try claims.decodeIfPresent(String.self, forKey: .sessionStatus)
        email = try? claims.decodeIfPresent(String.self, forKey: .email)  // ok: optional claim, read leniently
        name = try? claims.decodeIfPresent(String.self, forKey: .name)  // ok: optional claim, read leniently
        role = try? claims.decodeIfPresent(String.self, forKey: .role)  // ok: optional claim, read leniently
        metadata = try? claims.decodeIfPresent(RoleMetadata.self, forKey: .metadata)  // ok: optional claim, read leniently
        publicMetadata = try? claims.decodeIfPresent(RoleMetadata.self, forKey: .publicMetadata)  // ok: optional claim, read leniently
    }
}

/// The `role` inside a metadata object (Clerk's `{{user.public_metadata}}`); other keys ignored.
struct RoleMetadata: Codable, Sendable, Equatable {
    var role: String?

    init(role: String?) {
        self.role = role
    }

    init(from decoder: any Decoder) throws {
        let metadata = try decoder.container(keyedBy: CodingKeys.self)
        role = try? metadata.decodeIfPresent(String.self, forKey: .role)  // ok: optional claim, read leniently
    }
}
