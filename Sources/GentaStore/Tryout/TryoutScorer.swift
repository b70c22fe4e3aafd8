import Foundation
import GentaCore
import IRT
import SQLKit

/// Scores a sitting whose last block has closed, in the caller's transaction, and carries its
/// answers into the student's ability.
///
/// The answers become attempts of a study session of their own (ended when the sitting
/// ended; `tryout_answers.attempt_id` links each back to the sitting), each moving θ
/// exactly as a practice answer would, in the form's order — so readiness, history and the
/// calibration data see tryout answers like any others. Blank questions are not carried over:
/// an unreached question says nothing about ability, though the tryout score counts it as zero.
struct TryoutScorer {
    let settings: PracticeSettings

    struct FormQuestion {
        var id: UUID
        var block: Int
        var section: Section
        var parameters: ItemParameters
        var content: QuestionContent
    }

    struct SavedAnswer {
        var response: StudentResponse?
        var timeSpentSeconds: Int
    }

    typealias GradedAnswer = (question: FormQuestion, response: StudentResponse, isCorrect: Bool, seconds: Int)

    func score(_ record: SittingRecord, _ db: any SQLDatabase) async throws {
        let finishedAt = record.timeline.times.compactMap(\.endedAt).max() ?? record.startedAt
        let (graded, overall) = try await writeScores(sittingID: record.id, eventID: record.event.id, db)
        try await db.raw("""
            UPDATE tryout_sittings SET finished_at = \(bind: finishedAt), overall_score = \(bind: Self.round(overall, 2))
            WHERE id = \(bind: record.id)
            """).run()
        try await carryIntoAbility(record, graded: graded, finishedAt: finishedAt, db)
    }

    /// Scores a finished sitting again from its saved answers, after a key correction.
    func rescore(sittingID: UUID, eventID: UUID, _ db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM tryout_scores WHERE sitting_id = \(bind: sittingID)").run()
        let overall = try await writeScores(sittingID: sittingID, eventID: eventID, db).overall
        try await db.raw("UPDATE tryout_sittings SET overall_score = \(bind: Self.round(overall, 2)) WHERE id = \(bind: sittingID)").run()
    }

    /// Grades the sitting's saved answers against the questions' current keys and writes its
    /// scores per subtest; returns the graded answers and the overall score.
    private func writeScores(sittingID: UUID, eventID: UUID, _ db: any SQLDatabase) async throws -> (graded: [GradedAnswer], overall: Double) {
        let questions = try await Self.formQuestions(eventID: eventID, db)
        let answers = try await Self.savedAnswers(sittingID: sittingID, questions: questions, db)
        var items: [TryoutScoring.Item] = []
        var graded: [GradedAnswer] = []
        for question in questions {
            let saved = answers[question.id]
            var response = FormResponse.blank
            if let given = saved?.response {
                let isCorrect = question.content.grade(given)
                response = isCorrect ? .correct : .wrong
                graded.append((question, given, isCorrect, saved?.timeSpentSeconds ?? 0))
            }
            items.append(TryoutScoring.Item(
                section: question.section, parameters: question.parameters, response: response,
                timeSpentSeconds: saved?.timeSpentSeconds ?? 0))
        }
        let (subtests, overall) = try TryoutScoring.score(items, scale: settings.scoreScale)
        for subtest in subtests {
            try await db.raw("""
                INSERT INTO tryout_scores (sitting_id, event_id, section, theta, standard_error, score, score_low, score_high,
                    correct_count, wrong_count, blank_count, time_spent_seconds)
                VALUES (\(bind: sittingID), \(bind: eventID), \(bind: subtest.section.rawValue),
                    \(bind: Self.round(subtest.theta, 3)), \(bind: Self.round(subtest.standardError, 3)),
                    \(bind: Self.round(subtest.score, 2)), \(bind: Self.round(subtest.scoreLow, 2)), \(bind: Self.round(subtest.scoreHigh, 2)),
                    \(bind: subtest.correct), \(bind: subtest.wrong), \(bind: subtest.blank), \(bind: subtest.timeSpentSeconds))
                """).run()
        }
        return (graded, overall)
    }

    private func carryIntoAbility(
        _ record: SittingRecord, graded: [GradedAnswer],
        finishedAt: Date, _ db: any SQLDatabase
    ) async throws {
        guard !graded.isEmpty else { return }
        if db.dialect.name == "postgresql" {
            try await db.raw("SELECT id FROM users WHERE id = \(bind: record.userID) FOR UPDATE").run()
        }
        let targetScore = try await db.raw("SELECT target_score FROM users WHERE id = \(bind: record.userID)").first()?
            .decode(column: "target_score", as: Int?.self) ?? nil
        try await ReadinessRows.ensure(userID: record.userID, targetTheta: nil, now: finishedAt, db)
        let sessionID = UUID().uuidString.lowercased()
        let correct = graded.filter(\.isCorrect).count
        try await db.raw("""
            INSERT INTO user_study_sessions (id, user_id, started_at, ended_at, duration_minutes, questions_attempted,
                questions_correct, accuracy_in_session, section, created_at, updated_at)
            VALUES (\(bind: sessionID), \(bind: record.userID), \(bind: record.startedAt), \(bind: finishedAt),
                \(bind: Bounded.integer(finishedAt.timeIntervalSince(record.startedAt) / 60, in: 0...1_440) ?? 0), \(bind: graded.count),
                \(bind: correct), \(bind: Double(correct) / Double(graded.count)), \(bind: String?.none),
                \(bind: finishedAt), \(bind: finishedAt))
            """).run()
        for (index, answer) in graded.enumerated() {
            let question = answer.question
            // Distinct, ordered times keep the θ chain's order readable from created_at.
            let at = finishedAt.addingTimeInterval(Double(index) / 1000)
            let stored = try await AbilityRow.readWithTimestamp(userID: record.userID, section: question.section, forUpdate: true, db)
            let posterior = settings.ability.update(
                stored.ability, lastUpdated: stored.lastUpdated, now: at, item: question.parameters, correct: answer.isCorrect)
            let before = AttemptRecorder.roundTheta(stored.ability.mean)
            let after = AttemptRecorder.roundTheta(posterior.mean)
            let variance = AttemptRecorder.roundVariance(posterior.variance)
            let attemptID = UUID()
            try await db.raw("""
                INSERT INTO attempts (id, user_id, question_id, selected_answer, response, is_correct, time_spent_seconds,
                    user_theta_before, user_theta_after, theta_change, session_id, attempt_number_in_session,
                    section, item_discrimination, item_difficulty, item_guessing, theta_variance_after, created_at,
                    question_revision)
                VALUES (\(bind: attemptID), \(bind: record.userID), \(bind: question.id), \(bind: answer.response.selectedLetter),
                    \(bind: answer.response.stored), \(bind: answer.isCorrect), \(bind: min(answer.seconds, 3600)),
                    \(bind: before), \(bind: after), \(bind: AttemptRecorder.roundTheta(after - before)), \(bind: sessionID),
                    \(bind: index + 1), \(bind: question.section.rawValue), \(bind: question.parameters.a),
                    \(bind: question.parameters.b), \(bind: question.parameters.c), \(bind: variance), \(bind: at),
                    (SELECT q.revision FROM questions q WHERE q.id = \(bind: question.id)))
                """).run()
            try await db.raw("""
                UPDATE tryout_answers SET is_correct = \(bind: answer.isCorrect), attempt_id = \(bind: attemptID)
                WHERE sitting_id = \(bind: record.id) AND question_id = \(bind: question.id)
                """).run()
            try await ReadinessUpdate.apply(
                userID: record.userID, section: question.section, ability: AbilityEstimate(mean: after, variance: variance),
                isCorrect: answer.isCorrect, targetScore: targetScore, settings: settings, now: at, db)
        }
        try await OverallAbility.refresh(userID: record.userID, now: finishedAt, db)
    }

    /// The event's questions in the order they are sat, without the withdrawn ones.
    static func formQuestions(eventID: UUID, _ db: any SQLDatabase) async throws -> [FormQuestion] {
        try await db.raw("""
            SELECT q.id, f.block_position, q.section, q.discrimination, q.difficulty_irt, q.guessing_param, \(StoredContent.columns("q"))
            FROM tryout_form_items f JOIN questions q ON q.id = f.question_id
            WHERE f.event_id = \(bind: eventID) AND f.withdrawn_at IS NULL
            ORDER BY f.block_position, f.item_position
            """).all().map { row in
            FormQuestion(
                id: try row.decode(column: "id", as: UUID.self), block: try row.decode(column: "block_position", as: Int.self),
                section: try Section.decode(row, "section"),
                parameters: ItemParameters(
                    a: try row.decode(column: "discrimination", as: Double.self),
                    b: try row.decode(column: "difficulty_irt", as: Double.self),
                    c: try row.decode(column: "guessing_param", as: Double.self)),
                content: try StoredContent.decode(row))
        }
    }

    static func savedAnswers(sittingID: UUID, questions: [FormQuestion], _ db: any SQLDatabase) async throws -> [UUID: SavedAnswer] {
        let formats = Dictionary(uniqueKeysWithValues: questions.map { ($0.id, $0.content.format) })
        var answers: [UUID: SavedAnswer] = [:]
        for row in try await db.raw("""
            SELECT question_id, selected_answer, response, time_spent_seconds FROM tryout_answers WHERE sitting_id = \(bind: sittingID)
            """).all() {
            let id = try row.decode(column: "question_id", as: UUID.self)
            guard let format = formats[id] else { continue }
            answers[id] = SavedAnswer(
                response: StudentResponse.restore(
                    format: format, selectedAnswer: try row.decode(column: "selected_answer", as: String?.self),
                    response: try row.decode(column: "response", as: String?.self)),
                timeSpentSeconds: try row.decode(column: "time_spent_seconds", as: Int.self))
        }
        return answers
    }

    static func round(_ value: Double, _ digits: Int) -> Double {
        let factor = pow(10, Double(digits))
        return (value * factor).rounded() / factor
    }
}
