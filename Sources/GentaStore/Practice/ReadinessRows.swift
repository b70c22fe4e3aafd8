import Foundation
import GentaCore
import SQLKit

/// The per-section readiness rows: created at onboarding, or on a first answer without it.
enum ReadinessRows {
    /// Creates the three rows if missing (seed Query 0, step 2). Harmless when they exist.
    static func ensure(userID: UUID, targetTheta: Double?, now: Date, _ db: any SQLDatabase) async throws {
        for section in Section.allCases {
            try await db.raw("""
                INSERT INTO user_readiness (user_id, section, target_theta, current_theta,
                    current_theta_variance, last_updated)
                VALUES (\(bind: userID), \(bind: section.rawValue), \(bind: targetTheta), 0, 1, \(bind: now))
                ON CONFLICT (user_id, section) DO NOTHING
                """).run()
        }
    }
}
