/// Version 4: claims on feedback being written.
///
/// A model call takes seconds and happens outside any transaction. Before it starts, the request
/// records a claim on the attempt, under the student's lock; the claim counts against the day's
/// model allowance and stops a second request for the same attempt from paying for a second
/// call. Storing the feedback deletes the claim; a claim whose process died expires.
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
        ]
    }

    static func down(_ dialect: Dialect) -> [String] {
        ["DROP TABLE feedback_claims"]
    }
}
