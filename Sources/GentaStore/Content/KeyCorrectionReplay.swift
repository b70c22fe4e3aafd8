import Foundation
import GentaCore
import IRT
import SQLKit

/// The second half of a key correction, for one student, in the caller's transaction: the
/// student's θ chain in the question's subtest runs again from their first answer to the
/// question, then readiness, the overall summary, the sessions and the finished tryout sittings
/// that held the question are recomputed, and the student gets a notice. Deterministic from the
/// stored answers, so running a student twice (an interrupted batch) gives the same rows.
struct KeyCorrectionReplay {
    let settings: PracticeSettings

    struct Correction {
        var id: UUID
        var questionID: UUID
        var section: Section
    }

    private struct StoredAttempt {
        var id: UUID
        var questionID: UUID
        var sessionID: String?
        var step: AbilityReplay.Step
        var outcome: AbilityReplay.Outcome
    }

    func replay(_ userID: UUID, _ correction: Correction, now: Date, _ db: any SQLDatabase) async throws {
        try await db.lockUser(userID)
        let attempts = try await Self.attempts(userID: userID, section: correction.section, db)
        guard let first = attempts.firstIndex(where: { $0.questionID == correction.questionID }) else { return }
        let previous = first > 0 ? attempts[first - 1] : nil
        let start = previous.map { (AbilityEstimate(mean: $0.outcome.after, variance: $0.outcome.varianceAfter), $0.step.createdAt) }
        let replayed = Array(attempts[first...])
        let outcomes = AbilityReplay(model: settings.ability).run(replayed.map(\.step), from: start)
        for (attempt, outcome) in zip(replayed, outcomes) where attempt.outcome != outcome {
            try await db.raw("""
                UPDATE attempts SET user_theta_before = \(bind: outcome.before), user_theta_after = \(bind: outcome.after),
                    theta_change = \(bind: outcome.change), theta_variance_after = \(bind: outcome.varianceAfter)
                WHERE id = \(bind: attempt.id)
                """).run()
        }
        let targetScore = try await db.raw("SELECT target_score FROM users WHERE id = \(bind: userID)").first()?
            .decode(column: "target_score", as: Int?.self) ?? nil
        try await ReadinessUpdate.recompute(userID: userID, section: correction.section, targetScore: targetScore, settings: settings, db)
        try await OverallAbility.refresh(userID: userID, now: now, db)
        let sessions = Set(replayed.filter { $0.questionID == correction.questionID }.compactMap(\.sessionID))
        try await Self.recount(sessions: sessions, db)
        try await rescoreSittings(userID: userID, questionID: correction.questionID, db)
        try await db.raw("""
            INSERT INTO student_notices (id, user_id, kind, question_id, correction_id, created_at)
            VALUES (\(bind: UUID()), \(bind: userID), 'key_correction', \(bind: correction.questionID), \(bind: correction.id), \(bind: now))
            ON CONFLICT (user_id, correction_id) DO NOTHING
            """).run()
    }

    /// The student's answers in the subtest in the order their θ chain ran. Answers stored before
    /// the practice loop kept their item parameters and θ use the question's parameters and the
    /// standard prior's values.
    private static func attempts(userID: UUID, section: Section, _ db: any SQLDatabase) async throws -> [StoredAttempt] {
        try await db.raw("""
            SELECT a.id, a.question_id, a.session_id, a.is_correct, a.created_at, a.is_pretest,
                COALESCE(a.item_discrimination, q.discrimination) AS item_discrimination,
                COALESCE(a.item_difficulty, q.difficulty_irt) AS item_difficulty,
                COALESCE(a.item_guessing, q.guessing_param) AS item_guessing,
                COALESCE(a.user_theta_before, 0) AS user_theta_before, COALESCE(a.user_theta_after, 0) AS user_theta_after,
                COALESCE(a.theta_change, 0) AS theta_change, COALESCE(a.theta_variance_after, 1) AS theta_variance_after
            FROM attempts a JOIN questions q ON q.id = a.question_id
            WHERE a.user_id = \(bind: userID) AND a.section = \(bind: section.rawValue)
            ORDER BY a.created_at, a.attempt_number_in_session, a.id
            """).all().map { row in
            StoredAttempt(
                id: try row.decode(column: "id", as: UUID.self),
                questionID: try row.decode(column: "question_id", as: UUID.self),
                sessionID: try row.decode(column: "session_id", as: String?.self),
                step: AbilityReplay.Step(
                    createdAt: try row.decode(column: "created_at", as: Date.self),
                    parameters: ItemParameters(
                        a: try row.decode(column: "item_discrimination", as: Double.self),
                        b: try row.decode(column: "item_difficulty", as: Double.self),
                        c: try row.decode(column: "item_guessing", as: Double.self)),
                    isCorrect: try row.decode(column: "is_correct", as: Bool.self),
                    isPretest: try row.decode(column: "is_pretest", as: Bool.self)),
                outcome: AbilityReplay.Outcome(
                    before: try row.decode(column: "user_theta_before", as: Double.self),
                    after: try row.decode(column: "user_theta_after", as: Double.self),
                    change: try row.decode(column: "theta_change", as: Double.self),
                    varianceAfter: try row.decode(column: "theta_variance_after", as: Double.self)))
        }
    }

    /// Sessions' correct counts and accuracy from their answers as graded now.
    private static func recount(sessions: Set<String>, _ db: any SQLDatabase) async throws {
        for session in sessions.sorted() {
            guard let row = try await db.raw("""
                SELECT COUNT(*) AS answered, SUM(CASE WHEN is_correct THEN 1 ELSE 0 END) AS correct
                FROM attempts WHERE session_id = \(bind: session)
                """).first()
            else { continue }
            let answered = try row.decode(column: "answered", as: Int.self)
            let correct = try row.decode(column: "correct", as: Int?.self) ?? 0
            guard answered > 0 else { continue }
            try await db.raw("""
                UPDATE user_study_sessions SET questions_correct = \(bind: correct),
                    accuracy_in_session = \(bind: Double(correct) / Double(answered))
                WHERE id = \(bind: session)
                """).run()
        }
    }

    /// The student's finished sittings whose answer to the question was scored.
    private func rescoreSittings(userID: UUID, questionID: UUID, _ db: any SQLDatabase) async throws {
        let sittings = try await db.raw("""
            SELECT s.id, s.event_id FROM tryout_sittings s
            WHERE s.user_id = \(bind: userID) AND s.finished_at IS NOT NULL
              AND EXISTS (SELECT 1 FROM tryout_answers t
                          WHERE t.sitting_id = s.id AND t.question_id = \(bind: questionID) AND t.attempt_id IS NOT NULL)
            """).all()
        for sitting in sittings {
            try await TryoutScorer(settings: settings).rescore(
                sittingID: try sitting.decode(column: "id", as: UUID.self), eventID: try sitting.decode(column: "event_id", as: UUID.self), db)
        }
    }
}
