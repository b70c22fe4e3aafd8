import GentaCore

/// Version 7: timed tryouts.
///
/// - `tryout_events`: a named tryout open for a window; its timed blocks
///   (`tryout_event_blocks`, copied from the exam structure when it was assembled, so changing
///   the configuration never changes an event already announced) and its fixed form
///   (`tryout_form_items`: the questions of each block in presentation order);
/// - `tryout_sittings`: one per student and event; `tryout_sitting_blocks` holds each block's
///   server-side start, deadline and end; `tryout_answers` the saved answers with the
///   "ragu-ragu" flag, graded only when the sitting is scored (`attempt_id` then links the
///   practice-style attempt that carried the answer into the student's ability);
/// - `tryout_scores`: θ, standard error and scale score per subtest of a scored sitting, with
///   the event repeated so percentiles read one index.
enum TryoutsV7 {
    static var sections: String { "CHECK (section IN (\(Section.sqlList)))" }
    static let tables = [
        "tryout_scores", "tryout_answers", "tryout_sitting_blocks", "tryout_sittings", "tryout_form_items",
        "tryout_event_blocks", "tryout_events",
    ]

    static func up(_ dialect: Dialect) -> [String] {
        let uuid = dialect == .postgres ? "UUID" : "TEXT"
        let timestamp = dialect == .postgres ? "TIMESTAMPTZ" : "REAL"
        let decimal = dialect == .postgres ? "NUMERIC(6, 3)" : "REAL"
        let score = dialect == .postgres ? "NUMERIC(6, 2)" : "REAL"
        let text = dialect == .postgres ? "CHAR(1)" : "TEXT"
        return [
            """
            CREATE TABLE tryout_events (
                id \(uuid) NOT NULL PRIMARY KEY,
                name VARCHAR(200) NOT NULL,
                opens_at \(timestamp) NOT NULL,
                closes_at \(timestamp) NOT NULL,
                created_at \(timestamp) NOT NULL,
                CHECK (closes_at > opens_at)
            )
            """,
            "CREATE INDEX idx_tryout_events_window ON tryout_events (closes_at, opens_at)",
            """
            CREATE TABLE tryout_event_blocks (
                event_id \(uuid) NOT NULL REFERENCES tryout_events (id) ON DELETE CASCADE,
                position SMALLINT NOT NULL CHECK (position >= 0),
                section VARCHAR(10) NOT NULL \(sections),
                part SMALLINT CHECK (part >= 1),
                name VARCHAR(200) NOT NULL,
                question_count SMALLINT NOT NULL CHECK (question_count >= 1),
                seconds INTEGER NOT NULL CHECK (seconds >= 1),
                PRIMARY KEY (event_id, position)
            )
            """,
            """
            CREATE TABLE tryout_form_items (
                event_id \(uuid) NOT NULL REFERENCES tryout_events (id) ON DELETE CASCADE,
                block_position SMALLINT NOT NULL,
                item_position SMALLINT NOT NULL CHECK (item_position >= 1),
                question_id \(uuid) NOT NULL REFERENCES questions (id),
                PRIMARY KEY (event_id, block_position, item_position),
                UNIQUE (event_id, question_id),
                FOREIGN KEY (event_id, block_position) REFERENCES tryout_event_blocks (event_id, position) ON DELETE CASCADE
            )
            """,
            "CREATE INDEX idx_tryout_form_items_question ON tryout_form_items (question_id)",
            """
            CREATE TABLE tryout_sittings (
                id \(uuid) NOT NULL PRIMARY KEY,
                event_id \(uuid) NOT NULL REFERENCES tryout_events (id),
                user_id \(uuid) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                started_at \(timestamp) NOT NULL,
                finished_at \(timestamp),
                overall_score \(score),
                UNIQUE (event_id, user_id)
            )
            """,
            "CREATE INDEX idx_tryout_sittings_user_started ON tryout_sittings (user_id, started_at DESC)",
            "CREATE INDEX idx_tryout_sittings_unfinished ON tryout_sittings (started_at) WHERE finished_at IS NULL",
            """
            CREATE TABLE tryout_sitting_blocks (
                sitting_id \(uuid) NOT NULL REFERENCES tryout_sittings (id) ON DELETE CASCADE,
                position SMALLINT NOT NULL CHECK (position >= 0),
                started_at \(timestamp),
                deadline \(timestamp),
                ended_at \(timestamp),
                end_reason VARCHAR(20) CHECK (end_reason IN ('finished', 'time_up')),
                PRIMARY KEY (sitting_id, position),
                CHECK ((started_at IS NULL) = (deadline IS NULL)),
                CHECK ((ended_at IS NULL) = (end_reason IS NULL))
            )
            """,
            """
            CREATE TABLE tryout_answers (
                sitting_id \(uuid) NOT NULL REFERENCES tryout_sittings (id) ON DELETE CASCADE,
                question_id \(uuid) NOT NULL REFERENCES questions (id),
                block_position SMALLINT NOT NULL,
                selected_answer \(text) CHECK (selected_answer IN ('A', 'B', 'C', 'D', 'E')),
                response TEXT,
                \(dialect == .postgres ? "is_unsure BOOLEAN NOT NULL DEFAULT false" : SQLiteSchemaV1.bool("is_unsure", default: 0)),
                time_spent_seconds INTEGER NOT NULL DEFAULT 0 CHECK (time_spent_seconds >= 0),
                is_correct \(dialect == .postgres ? "BOOLEAN" : "INTEGER CHECK (is_correct IN (0, 1))"),
                attempt_id \(uuid) REFERENCES attempts (id) ON DELETE SET NULL,
                updated_at \(timestamp) NOT NULL,
                PRIMARY KEY (sitting_id, question_id)
            )
            """,
            """
            CREATE TABLE tryout_scores (
                sitting_id \(uuid) NOT NULL REFERENCES tryout_sittings (id) ON DELETE CASCADE,
                event_id \(uuid) NOT NULL REFERENCES tryout_events (id),
                section VARCHAR(10) NOT NULL \(sections),
                theta \(decimal) NOT NULL,
                standard_error \(decimal) NOT NULL CHECK (standard_error >= 0),
                score \(score) NOT NULL,
                score_low \(score) NOT NULL,
                score_high \(score) NOT NULL,
                correct_count SMALLINT NOT NULL CHECK (correct_count >= 0),
                wrong_count SMALLINT NOT NULL CHECK (wrong_count >= 0),
                blank_count SMALLINT NOT NULL CHECK (blank_count >= 0),
                time_spent_seconds INTEGER NOT NULL CHECK (time_spent_seconds >= 0),
                PRIMARY KEY (sitting_id, section)
            )
            """,
            "CREATE INDEX idx_tryout_scores_event_section ON tryout_scores (event_id, section, score)",
        ]
    }

    static func down(_ dialect: Dialect) -> [String] {
        tables.map { "DROP TABLE \($0)" }
    }
}
