import Foundation
import GentaCore

/// The wire shape of a Clerk user object (`data` of `user.created` / `user.updated`). Only the
/// fields Genta keeps are decoded; Clerk sends many more.
struct ClerkUserPayload: Decodable {
    var id: String
    var emailAddresses: [EmailAddress]?
    var primaryEmailAddressID: String?
    var firstName: String?
    var lastName: String?
    var imageURL: String?
    var publicMetadata: RoleMetadata?
    /// Milliseconds since 1970.
    var createdAt: Double
    var updatedAt: Double

    struct EmailAddress: Decodable {
        var id: String
        var emailAddress: String
        var verification: Verification?

        struct Verification: Decodable {
            var status: String?
        }

        private enum CodingKeys: String, CodingKey {
            case id, emailAddress = "email_address", verification
        }
    }

    private enum CodingKeys: String, CodingKey {
        case id, emailAddresses = "email_addresses", primaryEmailAddressID = "primary_email_address_id"
        case firstName = "first_name", lastName = "last_name", imageURL = "image_url"
        case publicMetadata = "public_metadata", createdAt = "created_at", updatedAt = "updated_at"
    }

    init(from decoder: any Decoder) throws {
        let user = try decoder.container(keyedBy: CodingKeys.self)
        id = try user.decode(String.self, forKey: .id)
        emailAddresses = try user.decodeIfPresent([EmailAddress].self, forKey: .emailAddresses)
        primaryEmailAddressID = try user.decodeIfPresent(String.self, forKey: .primaryEmailAddressID)
        firstName = try user.decodeIfPresent(String.self, forKey: .firstName)
        lastName = try user.decodeIfPresent(String.self, forKey: .lastName)
        imageURL = try user.decodeIfPresent(String.self, forKey: .imageURL)
        // Metadata is free-form JSON maintained by hand; an odd shape must not lose the event.
        publicMetadata = try? user.decodeIfPresent(RoleMetadata.self, forKey: .publicMetadata)  // ok: optional claim, read leniently
        createdAt = try Self.milliseconds(user, .createdAt)
        updatedAt = try Self.milliseconds(user, .updatedAt)
    }

    /// A Unix time in milliseconds between 1970 and 2100: anything else is not a time Clerk
    /// sends, and a date far outside PostgreSQL's range would fail (or trap) when stored.
    private static func milliseconds(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Double {
        let value = try container.decode(Double.self, forKey: key)
        guard value.isFinite, (0...4_102_444_800_000).contains(value) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not a time in 1970–2100")
        }
        return value
    }

    var user: ClerkUser {
        let primary = emailAddresses?.first { $0.id == primaryEmailAddressID }
        return ClerkUser(
            id: id,
            primaryEmail: primary?.emailAddress,
            emailVerified: primary?.verification?.status == "verified",
            firstName: firstName,
            lastName: lastName,
            imageURL: imageURL,
            role: Role(claim: publicMetadata?.role),
            createdAt: Date(timeIntervalSince1970: createdAt / 1000),
            updatedAt: Date(timeIntervalSince1970: updatedAt / 1000)
        )
    }
}
