/// Version 11: item analysis, and questions withdrawn from tryout forms.
///
/// `question_statistics` holds each live question's analysis (`ItemAnalysis`) as the last run
/// of `ItemAnalysisJob` computed it — students, correct and IRT-expected rates, point-biserial,
/// average time, option rates, the assessment and its flags — so the content team's list is a
/// cheap read however many answers there are. The same run refreshes the seed's per-question
/// counters (`attempt_count`, `correct_rate`, `avg_time_seconds`), which nothing updated before.
///
/// `tryout_form_items.withdrawn_at`: a question that leaves service (a review asking for a
/// change or rejecting it, three reports of ambiguity, an edit, a deletion) while an event that
/// uses it is still open is withdrawn from that event's form: no longer shown, not scored for
/// anyone (`TryoutForms`).
enum ItemAnalysisV11 {
    static func up(_ dialect: Dialect) -> [String] {
        let uuid = dialect == .postgres ? "UUID" : "TEXT"
        let timestamp = dialect == .postgres ? "TIMESTAMPTZ" : "REAL"
        let real = dialect == .postgres ? "DOUBLE PRECISION" : "REAL"
        return [
            """
            CREATE TABLE question_statistics (
                question_id \(uuid) NOT NULL PRIMARY KEY REFERENCES questions (id) ON DELETE CASCADE,
                students INTEGER NOT NULL CHECK (students >= 0),
                correct_rate \(real) CHECK (correct_rate BETWEEN 0 AND 1),
                expected_rate \(real) CHECK (expected_rate BETWEEN 0 AND 1),
                point_biserial \(real) CHECK (point_biserial BETWEEN -1 AND 1),
                avg_time_seconds \(real) CHECK (avg_time_seconds >= 0),
                options TEXT NOT NULL,
                assessment VARCHAR(20) NOT NULL
                    CHECK (assessment IN ('TOO_EASY', 'TOO_HARD', 'OPTIMAL', 'ACCEPTABLE', 'INSUFFICIENT_DATA')),
                flags VARCHAR(300) NOT NULL,
                flag_count INTEGER NOT NULL CHECK (flag_count >= 0),
                helpful_ratings INTEGER NOT NULL CHECK (helpful_ratings >= 0),
                unhelpful_ratings INTEGER NOT NULL CHECK (unhelpful_ratings >= 0),
                wrong_key_reports INTEGER NOT NULL CHECK (wrong_key_reports >= 0),
                computed_at \(timestamp) NOT NULL
            )
            """,
            "CREATE INDEX idx_question_statistics_flagged ON question_statistics (flag_count DESC, students DESC)",
            "ALTER TABLE tryout_form_items ADD COLUMN withdrawn_at \(timestamp)",
            // A key correction regrades the tryout answers to one question.
            "CREATE INDEX idx_tryout_answers_question ON tryout_answers (question_id)",
        ]
    }

    static func down(_ dialect: Dialect) -> [String] {
        ["DROP INDEX idx_tryout_answers_question", "ALTER TABLE tryout_form_items DROP COLUMN withdrawn_at", "DROP TABLE question_statistics"]
    }
}
