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
        let recent = try await recentAnswers(userID: userID, section: section, db)
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

    /// Sets the section's row from its stored answers, after a key correction regraded and
    /// replayed them; `last_updated` stays the time of the latest answer, and the stored trend
    /// is dropped (its θ history changed) until `refresh-readiness` computes it again.
    static func recompute(
        userID: UUID, section: Section, targetScore: Int?, settings: PracticeSettings, _ db: any SQLDatabase
    ) async throws {
        // Pretest answers never entered the counters or θ (AttemptRecorder).
        let answers: SQLQueryString = """
            FROM attempts WHERE user_id = \(bind: userID) AND section = \(bind: section.rawValue) AND is_pretest = \(bind: false)
            """
        guard let latest = try await db.raw("""
            SELECT user_theta_after, theta_variance_after \(answers)
            ORDER BY created_at DESC, attempt_number_in_session DESC, id DESC LIMIT 1
            """).first()
        else { return }
        let ability = AbilityEstimate(
            mean: try latest.decode(column: "user_theta_after", as: Double.self),
            variance: try latest.decode(column: "theta_variance_after", as: Double.self))
        let totals = try await db.raw("""
            SELECT COUNT(*) AS answered, SUM(CASE WHEN is_correct THEN 1 ELSE 0 END) AS correct \(answers)
            """).first()
        let answered = try totals?.decode(column: "answered", as: Int.self) ?? 0
        let correct = try totals?.decode(column: "correct", as: Int?.self) ?? 0
        let recent = try await recentAnswers(userID: userID, section: section, db)
        let recentCorrect = recent.filter { $0 }.count
        let snapshot = ReadinessSnapshot(ability: ability, targetScore: targetScore, scale: settings.scoreScale)
        // The same expressions as `apply`, so a replayed row equals one written live.
        try await db.raw("""
            UPDATE user_readiness SET
                recent_attempts_count = \(bind: recent.count),
                recent_correct_count = \(bind: recentCorrect),
                recent_accuracy = \(bind: recent.isEmpty ? nil : Double(recentCorrect) / Double(recent.count)),
                total_attempts_count = \(bind: answered),
                total_correct_count = \(bind: correct),
                overall_accuracy = CAST(\(bind: correct) AS REAL) / CAST(\(bind: answered) AS INTEGER),
                current_theta = \(bind: ability.mean),
                current_theta_variance = \(bind: ability.variance),
                readiness_percentage = \(bind: snapshot.readinessPercentage),
                predicted_score_low = \(bind: snapshot.predictedLow),
                predicted_score_high = \(bind: snapshot.predictedHigh),
                ready_by_status = NULL
            WHERE user_id = \(bind: userID) AND section = \(bind: section.rawValue)
            """).run()
    }

    /// The section's latest answers, newest first: right or wrong.
    private static func recentAnswers(userID: UUID, section: Section, _ db: any SQLDatabase) async throws -> [Bool] {
        try await db.raw("""
            SELECT is_correct FROM attempts
            WHERE user_id = \(bind: userID) AND section = \(bind: section.rawValue) AND deleted_at IS NULL
              AND is_pretest = \(bind: false)
            ORDER BY created_at DESC, attempt_number_in_session DESC
            LIMIT \(bind: recentWindow)
            """).all().map { try $0.decode(column: "is_correct", as: Bool.self) }
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
