import Foundation
import GentaCore
import IRT
import SQLKit

/// A student's stored ability in one section.
enum AbilityRow {
    static func read(userID: UUID, section: Section, forUpdate: Bool = false, _ db: any SQLDatabase) async throws -> AbilityEstimate {
        try await readWithTimestamp(userID: userID, section: section, forUpdate: forUpdate, db).ability
    }

    /// The stored posterior and the time of the section's latest answer (nil before the first).
    static func readWithTimestamp(
        userID: UUID, section: Section, forUpdate: Bool = false, _ db: any SQLDatabase
    ) async throws -> (ability: AbilityEstimate, lastUpdated: Date?) {
        let lock: SQLQueryString = forUpdate && db.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        guard let row = try await db.raw("""
            SELECT current_theta, current_theta_variance, last_updated, total_attempts_count FROM user_readiness
            WHERE user_id = \(bind: userID) AND section = \(bind: section.rawValue)\(lock)
            """).first()
        else { return (.standardPrior, nil) }
        // Before the section's first answer the prior is the standard one, not widened: it already
        // describes a student we know nothing about. So a section's θ chain is a function of its
        // answers alone, which a key correction replays (AbilityReplay).
        let answered = try row.decode(column: "total_attempts_count", as: Int.self) > 0
        return (
            AbilityEstimate(
                mean: try row.decode(column: "current_theta", as: Double.self),
                variance: try row.decode(column: "current_theta_variance", as: Double.self)),
            answered ? try row.decode(column: "last_updated", as: Date?.self) : nil
        )
    }
}
