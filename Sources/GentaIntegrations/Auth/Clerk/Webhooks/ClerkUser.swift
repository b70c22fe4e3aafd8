import Foundation
import GentaCore

/// A Clerk user as a `user.created` / `user.updated` webhook describes it, reduced to what
/// Genta keeps. Upsert by `id` and keep the row with the newest `updatedAt`: deliveries are
/// neither ordered nor guaranteed.
public struct ClerkUser: Sendable, Equatable {
    /// `user_…`, the same as the `sub` of the user's session tokens.
    public var id: String
    /// The address whose id is `primary_email_address_id`; `nil` for users without email
    /// (phone-only sign-up).
    public var primaryEmail: String?
    /// Whether Clerk has verified `primaryEmail`.
    public var emailVerified: Bool
    public var firstName: String?
    public var lastName: String?
    public var imageURL: String?
    /// `public_metadata.role` when it names a known role. Public metadata can only be written
    /// from Clerk's dashboard or backend API, never by the user, which is why it may grant roles
    /// (unlike `unsafe_metadata`, which is ignored).
    public var role: Role?
    /// When Clerk created the user (Clerk sends milliseconds since 1970).
    public var createdAt: Date
    /// When Clerk last changed the user: the version to compare when upserting.
    public var updatedAt: Date

    public init(
        id: String, primaryEmail: String?, emailVerified: Bool, firstName: String?, lastName: String?,
        imageURL: String?, role: Role?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.primaryEmail = primaryEmail
        self.emailVerified = emailVerified
        self.firstName = firstName
        self.lastName = lastName
        self.imageURL = imageURL
        self.role = role
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
