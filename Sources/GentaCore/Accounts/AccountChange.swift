import Foundation

/// A change to an account announced by the identity provider (Clerk's webhooks).
public enum AccountChange: Sendable, Equatable {
    case upsert(ProviderAccount)
    case delete(subject: String)
}

/// The identity provider's view of an account.
public struct ProviderAccount: Sendable, Equatable {
    public var subject: String
    public var email: String?
    public var emailVerified: Bool
    public var fullName: String?
    public var avatarURL: String?
    /// Nil means student: a role is only ever what the provider grants now (docs/AUTH.md).
    public var role: Role?
    /// The provider's last change; older deliveries than the stored one are ignored.
    public var updatedAt: Date
    public var createdAt: Date

    public init(
        subject: String, email: String?, emailVerified: Bool, fullName: String?, avatarURL: String?,
        role: Role?, updatedAt: Date, createdAt: Date
    ) {
        self.subject = subject
        self.email = email
        self.emailVerified = emailVerified
        self.fullName = fullName
        self.avatarURL = avatarURL
        self.role = role
        self.updatedAt = updatedAt
        self.createdAt = createdAt
    }
}

/// What applying a delivery did.
public enum AccountSyncOutcome: String, Sendable, Equatable {
    case applied, duplicate, stale, emailConflict = "email_conflict", ignored
    /// The primary e-mail address cannot be stored (over 255 code points, or a control
    /// character): the delivery is recorded and changes nothing, as retrying cannot fix it.
    case emailUnusable = "email_unusable"

    /// Deliveries that changed nothing for a reason an operator should hear about.
    public var needsAttention: Bool { self == .emailConflict || self == .emailUnusable }
}
