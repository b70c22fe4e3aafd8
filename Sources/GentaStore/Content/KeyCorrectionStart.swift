import Foundation
import GentaCore
import SQLKit

/// The first half of a key correction, in the transaction that changes the key: every stored
/// answer to the question is graded again against the new key, the students whose grade
/// changed are listed for the replay (`KeyCorrectionJob`), and the correction is recorded. So
/// the new key and the new grades are written together or not at all.
enum KeyCorrectionStart {
    /// Records the change of `question` (as it was) to `content` at `revision`; returns the
    /// correction's id.
    static func record(
        _ question: StaffQuestion, to content: QuestionContent, revision: Int, by staff: UUID, note: String?, at timestamp: Date,
        _ db: any SQLDatabase
    ) async throws -> UUID {
        let id = UUID()
        try await db.raw("""
            INSERT INTO key_corrections (id, question_id, from_revision, to_revision, old_key, new_key, corrected_by, note,
                attempts_regraded, students_total, status, created_at)
            VALUES (\(bind: id), \(bind: question.id), \(bind: question.revision), \(bind: revision),
                \(bind: question.draft.content.key.summary), \(bind: content.key.summary), \(bind: staff), \(bind: note),
                0, 0, 'replaying', \(bind: timestamp))
            """).run()
        // Grading is per distinct stored response: five letters for a multiple-choice question,
        // however many answers it has.
        let column: SQLQueryString = content.format == .multipleChoice ? "selected_answer" : "response"
        var nowCorrect: [String] = []
        var nowWrong: [String] = []
        for row in try await db.raw("""
            SELECT DISTINCT \(column) AS value FROM attempts WHERE question_id = \(bind: question.id) AND \(column) IS NOT NULL
            """).all() {
            let value = try row.decode(column: "value", as: String.self)
            let response = StudentResponse.restore(
                format: content.format, selectedAnswer: content.format == .multipleChoice ? value : nil, response: value)
            if let response, content.grade(response) { nowCorrect.append(value) } else { nowWrong.append(value) }
        }
        var regraded = 0
        for (values, grade) in [(nowCorrect, true), (nowWrong, false)] {
            for chunk in stride(from: 0, to: values.count, by: 500).map({ Array(values[$0..<min($0 + 500, values.count)]) }) {
                let changing: SQLQueryString = """
                    question_id = \(bind: question.id) AND is_correct = \(bind: !grade) AND \(column) IN (\(binds: chunk))
                    """
                regraded += try await db.raw("SELECT COUNT(*) AS n FROM attempts WHERE \(changing)").first()?
                    .decode(column: "n", as: Int.self) ?? 0
                try await db.raw("""
                    INSERT INTO key_correction_students (correction_id, user_id)
                    SELECT DISTINCT \(bind: id), user_id FROM attempts WHERE \(changing)
                    ON CONFLICT (correction_id, user_id) DO NOTHING
                    """).run()
                try await db.raw("UPDATE attempts SET is_correct = \(bind: grade) WHERE \(changing)").run()
            }
        }
        try await db.raw("""
            UPDATE tryout_answers SET is_correct = (SELECT a.is_correct FROM attempts a WHERE a.id = tryout_answers.attempt_id)
            WHERE question_id = \(bind: question.id) AND attempt_id IS NOT NULL
            """).run()
        let students = try await db.raw("SELECT COUNT(*) AS n FROM key_correction_students WHERE correction_id = \(bind: id)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
        try await db.raw("""
            UPDATE key_corrections SET attempts_regraded = \(bind: regraded), students_total = \(bind: students),
                status = \(bind: students == 0 ? "done" : "replaying"), finished_at = \(bind: students == 0 ? timestamp : nil)
            WHERE id = \(bind: id)
            """).run()
        return id
    }
}
