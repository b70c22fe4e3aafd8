/// Version 4: claims on feedback being written, and feedback's owner.
///
/// A model call takes seconds and happens outside any transaction. Before it starts, the request
/// records a claim on the attempt, under the student's lock; the claim counts against the day's
/// model allowance and stops a second request for the same attempt from paying for a second
/// call. Storing the feedback deletes the claim; a claim whose process died expires.
///
/// `attempt_feedback.user_id` (copied from the attempt) lets the allowance count read one
/// student's feedback of the day from an index; through `attempts` it had to visit every
/// feedback written that day by anyone (186 ms at 6,600 a day, bench/feedback/explain).
/// SQLite cannot add a NOT NULL column without a default; Genta always writes it there too.
enum FeedbackClaimsV4 {
    static func up(_ dialect: Dialect) -> [String] {
        let uuid = dialect == .postgres ? "UUID" : "TEXT"
        let timestamp = dialect == .postgres ? "TIMESTAMPTZ" : "REAL"
        let boolean = dialect == .postgres ? "BOOLEAN NOT NULL" : "INTEGER NOT NULL CHECK (uses_model IN (0, 1))"
        return [
            """
            CREATE TABLE feedback_claims (
                attempt_id \(uuid) NOT NULL PRIMARY KEY REFERENCES attempts (id) ON DELETE CASCADE,
                token \(uuid) NOT NULL,
                user_id \(uuid) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                uses_model \(boolean),
                claimed_at \(timestamp) NOT NULL,
                expires_at \(timestamp) NOT NULL
            )
            """,
            "CREATE INDEX idx_feedback_claims_user ON feedback_claims (user_id, expires_at)",
            "ALTER TABLE attempt_feedback ADD COLUMN user_id \(uuid) REFERENCES users (id) ON DELETE CASCADE",
            "UPDATE attempt_feedback SET user_id = (SELECT a.user_id FROM attempts a WHERE a.id = attempt_feedback.attempt_id)",
        ] + (dialect == .postgres ? ["ALTER TABLE attempt_feedback ALTER COLUMN user_id SET NOT NULL"] : []) + [
            "CREATE INDEX idx_feedback_user_created ON attempt_feedback (user_id, created_at DESC)",
        ]
    }

    static func down(_ dialect: Dialect) -> [String] {
        [
            "DROP INDEX idx_feedback_user_created",
            "ALTER TABLE attempt_feedback DROP COLUMN user_id",
            "DROP TABLE feedback_claims",
        ]
    }
}
