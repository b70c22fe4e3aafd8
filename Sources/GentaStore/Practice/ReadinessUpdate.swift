import Foundation
import GentaCore
import IRT
import SQLKit

/// Keeps `user_readiness` current after each answer (the counters of seed Query 5, corrected:
/// accuracies are fractions 0–1, θ is the latest posterior, not an average of history).
enum ReadinessUpdate {
    static let recentWindow = 10

    static func apply(
        userID: UUID, section: Section, ability: AbilityEstimate, isCorrect: Bool, targetScore: Int?,
        settings: PracticeSettings, now: Date, _ db: any SQLDatabase
    ) async throws {
        let recent = try await db.raw("""
            SELECT is_correct FROM attempts
            WHERE user_id = \(bind: userID) AND section = \(bind: section.rawValue) AND deleted_at IS NULL
            ORDER BY created_at DESC, attempt_number_in_session DESC
            LIMIT \(bind: recentWindow)
            """).all().map { try $0.decode(column: "is_correct", as: Bool.self) }
        let recentCorrect = recent.filter { $0 }.count
        let snapshot = ReadinessSnapshot(ability: ability, targetScore: targetScore, scale: settings.scoreScale)
        try await db.raw("""
            UPDATE user_readiness SET
                recent_attempts_count = \(bind: recent.count),
                recent_correct_count = \(bind: recentCorrect),
                recent_accuracy = \(bind: recent.isEmpty ? nil : Double(recentCorrect) / Double(recent.count)),
                total_attempts_count = total_attempts_count + 1,
                total_correct_count = total_correct_count + \(bind: isCorrect ? 1 : 0),
                overall_accuracy = CAST(total_correct_count + \(bind: isCorrect ? 1 : 0) AS REAL) / (total_attempts_count + 1),
                current_theta = \(bind: ability.mean),
                current_theta_variance = \(bind: ability.variance),
                readiness_percentage = \(bind: snapshot.readinessPercentage),
                predicted_score_low = \(bind: snapshot.predictedLow),
                predicted_score_high = \(bind: snapshot.predictedHigh),
                last_updated = \(bind: now)
            WHERE user_id = \(bind: userID) AND section = \(bind: section.rawValue)
            """).run()
    }
}

/// The overall summary on `users`: the mean of the section abilities, and the variance of
/// that mean (sections treated as independent).
enum OverallAbility {
    static func refresh(userID: UUID, now: Date, _ db: any SQLDatabase) async throws {
        let rows = try await db.raw("""
            SELECT current_theta, current_theta_variance FROM user_readiness WHERE user_id = \(bind: userID)
            """).all()
        guard !rows.isEmpty else { return }
        let thetas = try rows.map { try $0.decode(column: "current_theta", as: Double.self) }
        let variances = try rows.map { try $0.decode(column: "current_theta_variance", as: Double.self) }
        let n = Double(rows.count)
        try await db.raw("""
            UPDATE users SET irt_theta = \(bind: AttemptRecorder.roundTheta(thetas.reduce(0, +) / n)),
                irt_variance = \(bind: AttemptRecorder.roundVariance(variances.reduce(0, +) / (n * n))),
                irt_last_updated = \(bind: now)
            WHERE id = \(bind: userID)
            """).run()
    }
}
