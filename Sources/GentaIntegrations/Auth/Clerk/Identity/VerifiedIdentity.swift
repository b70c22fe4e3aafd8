import GentaCore

/// Who a verified token says the caller is. Only ever built from a token whose signature,
/// issuer and validity period have been checked.
public struct VerifiedIdentity: Sendable, Equatable {
    /// Stable account key: Clerk's user id (`user_…`), or `local|<lowercased email>` in local mode.
    public var subject: String
    /// Always set for local tokens; for Clerk only when the session token template adds `email`.
    public var email: String?
    /// Local tokens' `name`; Clerk's `name` claim when the template adds it.
    public var fullName: String?
    /// Local tokens always carry a role. Clerk tokens carry one only when the session token is
    /// customised to include `role`, `metadata.role` or `public_metadata.role`; otherwise `nil`,
    /// and the server decides (for example from its own users table).
    public var role: Role?
    /// Clerk's session id (`sid`); `nil` for local tokens.
    public var sessionID: String?

    public init(
        subject: String, email: String? = nil, fullName: String? = nil, role: Role? = nil, sessionID: String? = nil
    ) {
        self.subject = subject
        self.email = email
        self.fullName = fullName
        self.role = role
        self.sessionID = sessionID
    }
}
