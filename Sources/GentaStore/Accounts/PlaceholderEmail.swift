import Foundation

/// The address an account holds until the identity provider tells us its real one (Clerk's
/// session tokens carry none), or after it was deleted. `email` is unique and NOT NULL, so each
/// account gets its own; it is built from the account's id, which always fits the column, and
/// `.invalid` is a domain that can never receive mail (RFC 2606).
enum PlaceholderEmail {
    static func address(for id: UUID, deleted: Bool = false) -> String {
        "\(deleted ? "deleted+" : "")\(id.uuidString.lowercased())@users.genta.invalid"
    }
}
