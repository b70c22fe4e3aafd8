import Foundation
import GentaCore
import IRT
import SQLKit

/// Writes one subtest's calibration in the caller's transaction.
struct CalibrationWriter {
    let runID: UUID
    let bankID: UUID
    let section: Section
    let startedAt: Date
    let finishedAt: Date

    /// Records the run and each decision, applies the parameter changes of questions not edited
    /// since they were read, and marks the bank calibrated; returns the questions changed.
    func write(_ outcome: CalibrationOutcome, revisions: [UUID: Int], _ db: any SQLDatabase) async throws -> Int {
        try await db.raw("""
            INSERT INTO calibration_runs (id, bank_id, section, started_at, finished_at, responses, students, anchors,
                latent_mean, latent_sd, iterations, converged, updated, promoted, flagged)
            VALUES (\(bind: runID), \(bind: bankID), \(bind: section.rawValue), \(bind: startedAt), \(bind: finishedAt),
                \(bind: outcome.responses), \(bind: outcome.students), \(bind: outcome.anchors),
                \(bind: outcome.population.mean), \(bind: outcome.population.sd), \(bind: outcome.iterations),
                \(bind: outcome.converged), \(bind: outcome.count(.updated)), \(bind: outcome.count(.promoted)),
                \(bind: outcome.count(.driftFlagged) + outcome.count(.reviewNeeded)))
            """).run()
        for batch in outcome.decisions.batches(of: 50) {
            let rows = batch.map { decision -> SQLQueryString in
                """
                (\(bind: runID), \(bind: decision.questionID), \(bind: decision.outcome.rawValue), \(bind: decision.sampleSize),
                 \(bind: decision.old.discrimination), \(bind: decision.old.difficulty), \(bind: decision.old.guessing),
                 \(bind: decision.new?.discrimination), \(bind: decision.new?.difficulty), \(bind: decision.new?.guessing),
                 \(bind: Self.finite(decision.errors?.a)), \(bind: Self.finite(decision.errors?.b)),
                 \(bind: Self.finite(decision.errors?.c)), \(bind: decision.reason))
                """
            }
            try await db.raw("""
                INSERT INTO question_calibrations (run_id, question_id, outcome, sample_size, old_a, old_b, old_c,
                    new_a, new_b, new_c, se_a, se_b, se_c, reason)
                VALUES \(rows.joined(separator: ", "))
                """).run()
        }
        var applied = 0
        for decision in outcome.decisions where decision.changesQuestion {
            guard let new = decision.new, let revision = revisions[decision.questionID] else { continue }
            if try await apply(new, to: decision.questionID, atRevision: revision, decision: decision, db) { applied += 1 }
        }
        try await db.raw("""
            UPDATE question_banks SET is_calibrated = \(bind: true),
                calibration_date = \(CalendarDateExpression(PracticeDay.today(finishedAt))),
                calibration_sample_size = \(bind: outcome.responses), updated_at = \(bind: finishedAt)
            WHERE id = \(bind: bankID)
            """).run()
        return applied
    }

    /// New parameters for a question still at `revision`, as a `calibrated` revision (the state
    /// before it is recorded first if it never was); false when it was edited meanwhile.
    private func apply(
        _ new: ItemCalibration, to id: UUID, atRevision revision: Int, decision: CalibrationOutcome.Decision, _ db: any SQLDatabase
    ) async throws -> Bool {
        guard let row = try await db.raw("""
            SELECT \(StaffQuestionRow.columns) FROM \(StaffQuestionRow.from) WHERE q.id = \(bind: id) AND q.revision = \(bind: revision)
            """).first()
        else { return false }
        let question = try StaffQuestionRow.decode(row)
        try await QuestionRows.recordRevisions(try await QuestionRows.originals(of: [question], db), db)
        try await db.raw("""
            UPDATE questions SET difficulty_irt = \(bind: new.difficulty), discrimination = \(bind: new.discrimination),
                guessing_param = \(bind: new.guessing), calibration_status = \(bind: new.status),
                revision = revision + 1, updated_at = \(bind: finishedAt)
            WHERE id = \(bind: id)
            """).run()
        var draft = question.draft
        draft.calibration = new
        let note = "recalibrate: \(decision.outcome.rawValue) from \(decision.sampleSize) students"
            + (decision.errors.map { String(format: ", SE(b) %.3f", $0.b) } ?? "")
        try await QuestionRows.recordRevision(
            questionID: id, number: revision + 1, draft: draft, change: .calibrated, by: nil, note: note, at: finishedAt, db)
        return true
    }

    private static func finite(_ value: Double?) -> Double? {
        value.flatMap { $0.isFinite ? $0 : nil }
    }
}
