import Foundation
import SQLKit

extension SQLDatabase {
    /// Holds the student's row until the transaction ends, so work that reads and then writes
    /// their state (a quota, θ, paid time) runs one at a time per student. SQLite's
    /// transactions begin IMMEDIATE and are serial already.
    func lockUser(_ userID: UUID) async throws {
        guard dialect.name == "postgresql" else { return }
        try await raw("SELECT id FROM users WHERE id = \(bind: userID) FOR UPDATE").run()
    }
}
