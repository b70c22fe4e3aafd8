/// Version 4: claims on feedback being written, and each student's model allowance of the day.
///
/// A model call takes seconds and happens outside any transaction. Before it starts, the request
/// claims the attempt (one row per attempt, so a second request for it waits instead of paying
/// for a second call) and, when a model is to write, takes a place in the student's allowance
/// of the day: one statement that adds one only while places are left, so simultaneous requests
/// cannot both take the last one. Storing the feedback ends the claim; when the template had to
/// write after all, the place is given back. A claim whose process died expires.
enum FeedbackClaimsV4 {
    static func up(_ dialect: Dialect) -> [String] {
        let uuid = dialect == .postgres ? "UUID" : "TEXT"
        let timestamp = dialect == .postgres ? "TIMESTAMPTZ" : "REAL"
        let date = dialect == .postgres ? "DATE" : "TEXT"
        return [
            """
            CREATE TABLE feedback_claims (
                attempt_id \(uuid) NOT NULL PRIMARY KEY REFERENCES attempts (id) ON DELETE CASCADE,
                token \(uuid) NOT NULL,
                claimed_at \(timestamp) NOT NULL,
                expires_at \(timestamp) NOT NULL
            )
            """,
            """
            CREATE TABLE feedback_allowance (
                user_id \(uuid) NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
                day \(date) NOT NULL,
                model_feedback INTEGER NOT NULL CHECK (model_feedback >= 0)
            )
            """,
        ]
    }

    static func down(_ dialect: Dialect) -> [String] {
        ["DROP TABLE feedback_allowance", "DROP TABLE feedback_claims"]
    }
}
