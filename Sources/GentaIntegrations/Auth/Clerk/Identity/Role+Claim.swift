import GentaCore

extension Role {
    /// Reads a role written by a person in Clerk's dashboard (`"Admin"`, `" reviewer "`), so case
    /// and surrounding spaces are forgiven; anything else is no role at all rather than an error.
    init?(claim: String?) {
        guard let claim else { return nil }
        self.init(rawValue: claim.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
    }
}
