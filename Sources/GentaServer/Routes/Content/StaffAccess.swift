import GentaCore

extension GentaRequestContext {
    /// The signed-in reviewer or admin; a student gets 403 (the route exists, it is not theirs).
    func requireStaff() throws -> UserAccount {
        let user = try requireUser()
        guard user.role == .reviewer || user.role == .admin else {
            throw AppError(.forbidden, code: "staff_only", message: "Only the content team (reviewers and admins) can do this.")
        }
        return user
    }

    func requireAdmin(_ what: String) throws -> UserAccount {
        let user = try requireUser()
        guard user.role == .admin else { throw AppError(.forbidden, code: "admin_only", message: "Only administrators can \(what).") }
        return user
    }
}
