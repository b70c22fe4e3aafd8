import Foundation
import GentaCore
import IRT
import SQLKit

/// Records an answer (replaces seed Query 3, see docs/SCHEMA.md).
///
/// One transaction: the server decides correctness, the engine updates θ for the section from
/// the stored posterior, and the attempt (with θ before, after and change, and the item
/// parameters used), the readiness counters, the session counters and the overall summary are
/// written together or not at all. Each student's answers are serialised on their `users` row,
/// so concurrent submissions form one consistent θ chain. A retried `Idempotency-Key` returns
/// the stored result and writes nothing. The answer to a pretest question is graded, explained
/// and counted in the session, but leaves θ and the readiness counters as they were: its
/// parameters are not known yet (docs/CALIBRATION.md).
public struct AttemptRecorder: Sendable {
    let database: any Database
    let clock: WallClock
    let settings: PracticeSettings

    public init(database: any Database, clock: WallClock, settings: PracticeSettings) {
        self.database = database
        self.clock = clock
        self.settings = settings
    }

    public func record(_ submission: AnswerSubmission, by user: UserAccount) async throws -> AttemptResult {
        try await database.transaction { db in
            try await db.lockUser(user.id)
            // Read the clock once the student's lock is held, so times follow the θ chain.
            let now = clock.now()
            if let earlier = try await AttemptReader.byIdempotencyKey(submission.idempotencyKey, userID: user.id, scale: settings.scoreScale, db) {
                guard earlier.questionID == submission.questionID, earlier.sessionID == submission.sessionID,
                    earlier.response == submission.response
                else {
                    throw AppError(.unprocessable, code: "idempotency_key_reused",
                        message: "This Idempotency-Key was already used for a different answer; use a new key for a new answer.")
                }
                return earlier
            }
            let session = try await SessionRow.find(userID: user.id, sessionID: submission.sessionID, forUpdate: true, db)
            guard session.endedAt == nil else {
                throw AppError(.conflict, code: "session_ended", message: "This session has ended; answers can no longer be added to it.")
            }
            // Under the session's row lock, before anything is written: the cap holds however many
            // answers arrive at once.
            try session.requireRoomForAnswer(maximum: settings.maximumAnswersPerSession)
            let serve = try await openServe(submission, userID: user.id, db)
            let question = try await QuestionKey.read(submission.questionID, db)
            if let problem = question.content.check(submission.response) {
                throw AppError(.unprocessable, code: "answer_does_not_fit", message: problem)
            }
            try await ReadinessRows.ensure(userID: user.id, targetTheta: nil, now: now, db)
            let stored = try await AbilityRow.readWithTimestamp(userID: user.id, section: question.section, forUpdate: true, db)

            let isCorrect = question.content.grade(submission.response)
            let posterior = serve.isPretest ? stored.ability : settings.ability.update(
                stored.ability, lastUpdated: stored.lastUpdated, now: now, item: question.parameters, correct: isCorrect)
            let before = Self.roundTheta(stored.ability.mean)
            let after = Self.roundTheta(posterior.mean)
            let variance = Self.roundVariance(posterior.variance)
            let range = ReadinessSnapshot(ability: AbilityEstimate(mean: after, variance: variance), targetScore: nil, scale: settings.scoreScale)
            let attemptID = UUID()
            let number = session.questionsAttempted + 1

            try await db.raw("""
                INSERT INTO attempts (id, user_id, question_id, selected_answer, response, is_correct, time_spent_seconds,
                    user_theta_before, user_theta_after, theta_change, session_id, attempt_number_in_session,
                    section, item_discrimination, item_difficulty, item_guessing, theta_variance_after,
                    idempotency_key, created_at, question_revision, is_pretest)
                VALUES (\(bind: attemptID), \(bind: user.id), \(bind: submission.questionID),
                    \(bind: submission.response.selectedLetter), \(bind: submission.response.stored), \(bind: isCorrect), \(bind: submission.timeSpentSeconds),
                    \(bind: before), \(bind: after), \(bind: Self.roundTheta(after - before)), \(bind: submission.sessionID),
                    \(bind: number), \(bind: question.section.rawValue), \(bind: question.parameters.a),
                    \(bind: question.parameters.b), \(bind: question.parameters.c), \(bind: variance),
                    \(bind: submission.idempotencyKey), \(bind: now),
                    (SELECT q.revision FROM questions q WHERE q.id = \(bind: submission.questionID)), \(bind: serve.isPretest))
                """).run()
            try await db.raw("UPDATE served_questions SET attempt_id = \(bind: attemptID) WHERE id = \(bind: serve.id)").run()
            if !serve.isPretest {
                try await ReadinessUpdate.apply(
                    userID: user.id, section: question.section, ability: AbilityEstimate(mean: after, variance: variance),
                    isCorrect: isCorrect, targetScore: user.targetScore, settings: settings, now: now, db)
            }
            try await db.raw("""
                UPDATE user_study_sessions SET questions_attempted = questions_attempted + 1,
                    questions_correct = questions_correct + \(bind: isCorrect ? 1 : 0),
                    accuracy_in_session = \(bind: Double(session.questionsCorrect + (isCorrect ? 1 : 0)) / Double(number)),
                    updated_at = \(bind: now)
                WHERE id = \(bind: submission.sessionID)
                """).run()
            if !serve.isPretest { try await OverallAbility.refresh(userID: user.id, now: now, db) }

            return AttemptResult(
                id: attemptID, questionID: submission.questionID, sessionID: submission.sessionID,
                section: question.section, response: submission.response,
                key: question.content.key, isCorrect: isCorrect, explanation: question.explanation,
                strategyTip: question.strategyTip, relatedConcept: question.relatedConcept, thetaBefore: before,
                thetaAfter: after, thetaChange: Self.roundTheta(after - before), thetaSDAfter: variance.squareRoot(),
                predictedScoreLow: range.predictedLow, predictedScoreHigh: range.predictedHigh,
                attemptNumberInSession: number, timeSpentSeconds: submission.timeSpentSeconds, createdAt: now,
                isPretest: serve.isPretest)
        }
    }

    /// The serve this answer belongs to: only a question handed to this student in this session
    /// and not yet answered there can be answered.
    private func openServe(_ submission: AnswerSubmission, userID: UUID, _ db: any SQLDatabase) async throws -> (id: UUID, isPretest: Bool) {
        let rows = try await db.raw("""
            SELECT id, attempt_id, is_pretest FROM served_questions
            WHERE user_id = \(bind: userID) AND session_id = \(bind: submission.sessionID)
              AND question_id = \(bind: submission.questionID)
            ORDER BY served_at DESC
            """).all()
        for row in rows where try row.decode(column: "attempt_id", as: UUID?.self) == nil {
            return (try row.decode(column: "id", as: UUID.self), try row.decode(column: "is_pretest", as: Bool.self))
        }
        if rows.isEmpty {
            throw AppError(.conflict, code: "question_not_served",
                message: "This question was not handed to you in this session; ask /api/v1/practice/next for a question first.")
        }
        throw AppError(.conflict, code: "already_answered",
            message: "You already answered this question in this session.")
    }

    /// θ is stored with three decimals (NUMERIC(5,3)); rounding here keeps the chain exact on
    /// both databases: the next answer's θ before is this answer's θ after, digit for digit.
    static func roundTheta(_ value: Double) -> Double {
        (min(max(value, -99.999), 99.999) * 1000).rounded() / 1000
    }

    static func roundVariance(_ value: Double) -> Double {
        max((value * 1000).rounded() / 1000, 0.001)
    }
}
