/// Version 14: the calibration loop.
///
/// - `questions.calibration_status`: `operational` (parameters trusted: served by the adaptive
///   choice, scored in tryouts) or `pretest` (a new question whose parameters are a guess:
///   served now and then, never moving θ, until `recalibrate` estimates and promotes it).
/// - `served_questions.is_pretest`, `attempts.is_pretest`: the serve handed out a pretest
///   question, and its answer left θ alone — kept on the answer, since the question may be
///   promoted later while the answer's meaning does not change.
/// - `calibration_runs`: one row per calibration of a bank's subtest — responses, students,
///   the latent mean and SD on the anchors' scale, iterations, and what it did.
/// - `question_calibrations`: each question's outcome in a run: the parameters before and the
///   estimate with its standard errors and sample, and the decision (`updated`, `promoted`,
///   `unchanged`, `drift_flagged`, `kept_pretest`, `review_needed`, `insufficient_data`).
enum CalibrationV14 {
    static let outcomes = "'updated', 'unchanged', 'promoted', 'drift_flagged', 'kept_pretest', 'review_needed', 'insufficient_data'"

    static func up(_ dialect: Dialect) -> [String] {
        let uuid = dialect == .postgres ? "UUID" : "TEXT"
        let timestamp = dialect == .postgres ? "TIMESTAMPTZ" : "REAL"
        let real = dialect == .postgres ? "DOUBLE PRECISION" : "REAL"
        let boolean = dialect == .postgres ? "BOOLEAN NOT NULL DEFAULT false" : "INTEGER NOT NULL DEFAULT 0"
        return [
            """
            ALTER TABLE questions ADD COLUMN calibration_status VARCHAR(20) NOT NULL DEFAULT 'operational'
                CHECK (calibration_status IN ('operational', 'pretest'))
            """,
            "ALTER TABLE served_questions ADD COLUMN is_pretest \(boolean)",
            "ALTER TABLE attempts ADD COLUMN is_pretest \(boolean)",
            """
            CREATE TABLE calibration_runs (
                id \(uuid) NOT NULL PRIMARY KEY,
                bank_id \(uuid) NOT NULL REFERENCES question_banks (id) ON DELETE CASCADE,
                section VARCHAR(10) NOT NULL,
                started_at \(timestamp) NOT NULL,
                finished_at \(timestamp) NOT NULL,
                responses INTEGER NOT NULL CHECK (responses >= 0),
                students INTEGER NOT NULL CHECK (students >= 0),
                anchors INTEGER NOT NULL CHECK (anchors >= 0),
                latent_mean \(real) NOT NULL,
                latent_sd \(real) NOT NULL,
                iterations INTEGER NOT NULL,
                converged \(boolean),
                updated INTEGER NOT NULL DEFAULT 0,
                promoted INTEGER NOT NULL DEFAULT 0,
                flagged INTEGER NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX idx_calibration_runs_bank ON calibration_runs (bank_id, started_at DESC)",
            """
            CREATE TABLE question_calibrations (
                run_id \(uuid) NOT NULL REFERENCES calibration_runs (id) ON DELETE CASCADE,
                question_id \(uuid) NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
                outcome VARCHAR(20) NOT NULL CHECK (outcome IN (\(outcomes))),
                sample_size INTEGER NOT NULL CHECK (sample_size >= 0),
                old_a \(real) NOT NULL, old_b \(real) NOT NULL, old_c \(real) NOT NULL,
                new_a \(real), new_b \(real), new_c \(real),
                se_a \(real), se_b \(real), se_c \(real),
                reason VARCHAR(200),
                PRIMARY KEY (run_id, question_id)
            )
            """,
            "CREATE INDEX idx_question_calibrations_question ON question_calibrations (question_id)",
        ]
    }

    static func down(_ dialect: Dialect) -> [String] {
        [
            "DROP TABLE question_calibrations", "DROP TABLE calibration_runs",
            "ALTER TABLE attempts DROP COLUMN is_pretest", "ALTER TABLE served_questions DROP COLUMN is_pretest",
            "ALTER TABLE questions DROP COLUMN calibration_status",
        ]
    }
}
