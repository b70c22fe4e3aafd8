/// Version 10: key corrections that regrade answers and replay ability.
///
/// - `key_corrections`: one change of an answered question's key — who, when, the revisions and
///   keys before and after, how many answers it regraded, and the progress of the replay of the
///   affected students' ability (`students_total`, `students_done`, `status`).
/// - `key_correction_students`: the students whose grade changed, each marked done once their
///   ability, readiness, sessions and tryout scores are recomputed — what makes the replay
///   resumable after an interruption.
/// - `student_notices`: what a student is told ("a question you answered was corrected") until
///   they dismiss it.
/// - `user_readiness` no longer stamps `last_updated` itself: that column is the time of the
///   section's latest answer, which the ability model widens the prior from. The trigger reset
///   it to the database's clock whenever an update left it unchanged — a change of target, and
///   every section's first answer (written at the very time its row was created) — so the
///   prior's widening depended on more than the answers.
enum KeyCorrectionsV10 {
    static func up(_ dialect: Dialect) -> [String] {
        let uuid = dialect == .postgres ? "UUID" : "TEXT"
        let timestamp = dialect == .postgres ? "TIMESTAMPTZ" : "REAL"
        var statements = [
            """
            CREATE TABLE key_corrections (
                id \(uuid) NOT NULL PRIMARY KEY,
                question_id \(uuid) NOT NULL REFERENCES questions (id),
                from_revision INTEGER NOT NULL CHECK (from_revision >= 1),
                to_revision INTEGER NOT NULL CHECK (to_revision > from_revision),
                old_key VARCHAR(2000) NOT NULL,
                new_key VARCHAR(2000) NOT NULL,
                corrected_by \(uuid) REFERENCES users (id) ON DELETE SET NULL,
                note VARCHAR(1000),
                attempts_regraded INTEGER NOT NULL CHECK (attempts_regraded >= 0),
                students_total INTEGER NOT NULL CHECK (students_total >= 0),
                students_done INTEGER NOT NULL DEFAULT 0 CHECK (students_done BETWEEN 0 AND students_total),
                status VARCHAR(20) NOT NULL CHECK (status IN ('replaying', 'done')),
                created_at \(timestamp) NOT NULL,
                finished_at \(timestamp)
            )
            """,
            "CREATE INDEX idx_key_corrections_question ON key_corrections (question_id, created_at DESC)",
            "CREATE INDEX idx_key_corrections_open ON key_corrections (created_at) WHERE status = 'replaying'",
            """
            CREATE TABLE key_correction_students (
                correction_id \(uuid) NOT NULL REFERENCES key_corrections (id) ON DELETE CASCADE,
                user_id \(uuid) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                done_at \(timestamp),
                PRIMARY KEY (correction_id, user_id)
            )
            """,
            "CREATE INDEX idx_key_correction_students_pending ON key_correction_students (correction_id, user_id) WHERE done_at IS NULL",
            """
            CREATE TABLE student_notices (
                id \(uuid) NOT NULL PRIMARY KEY,
                user_id \(uuid) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                kind VARCHAR(30) NOT NULL CHECK (kind IN ('key_correction')),
                question_id \(uuid) REFERENCES questions (id),
                correction_id \(uuid) REFERENCES key_corrections (id) ON DELETE CASCADE,
                created_at \(timestamp) NOT NULL,
                read_at \(timestamp),
                UNIQUE (user_id, correction_id)
            )
            """,
            "CREATE INDEX idx_student_notices_unread ON student_notices (user_id, created_at DESC) WHERE read_at IS NULL",
        ]
        statements.append(dialect == .postgres
            ? "DROP TRIGGER trigger_user_readiness_last_updated ON user_readiness"
            : "DROP TRIGGER trigger_user_readiness_last_updated")
        return statements
    }

    static func down(_ dialect: Dialect) -> [String] {
        var statements = [
            "DROP TABLE student_notices",
            "DROP TABLE key_correction_students",
            "DROP TABLE key_corrections",
        ]
        statements.append(dialect == .postgres
            ? """
                CREATE TRIGGER trigger_user_readiness_last_updated BEFORE UPDATE ON user_readiness
                    FOR EACH ROW EXECUTE FUNCTION genta_touch_last_updated()
                """
            : SQLiteSchemaV1.touch(table: "user_readiness", column: "last_updated"))
        return statements
    }
}
