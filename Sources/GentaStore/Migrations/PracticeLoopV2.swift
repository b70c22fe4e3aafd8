/// Version 2: what the students' practice loop needs beyond the seed.
///
/// - `users.role` (student, reviewer, admin) and `users.clerk_updated_at`, the Clerk
///   `updated_at` of the last webhook applied, so out-of-order deliveries are resolved;
/// - on `attempts`: the section (readiness and history filter by it without a join), the item
///   parameters used for the update (a later recalibration must not rewrite history), the
///   posterior variance after the update, and the client's idempotency key;
/// - `served_questions`: what `/practice/next` handed out — an answer must match a serve, the
///   daily free quota counts serves, and an unanswered serve is handed out again instead of a
///   new question;
/// - `webhook_deliveries`: delivery ids already processed, so a redelivery changes nothing.
enum PracticeLoopV2 {
    static func up(_ dialect: Dialect) -> [String] {
        let uuid = dialect == .postgres ? "UUID" : "TEXT"
        let timestamp = dialect == .postgres ? "TIMESTAMPTZ" : "REAL"
        let decimal = dialect == .postgres ? "NUMERIC(6, 4)" : "REAL"
        return [
            """
            ALTER TABLE users ADD COLUMN role VARCHAR(20) NOT NULL DEFAULT 'student'
                CHECK (role IN ('student', 'reviewer', 'admin'))
            """,
            "ALTER TABLE users ADD COLUMN clerk_updated_at \(timestamp)",
            "ALTER TABLE attempts ADD COLUMN section VARCHAR(10) CHECK (section IN ('PU', 'PK', 'PBM'))",
            "ALTER TABLE attempts ADD COLUMN item_discrimination \(decimal)",
            "ALTER TABLE attempts ADD COLUMN item_difficulty \(decimal)",
            "ALTER TABLE attempts ADD COLUMN item_guessing \(decimal)",
            "ALTER TABLE attempts ADD COLUMN theta_variance_after \(decimal)",
            "ALTER TABLE attempts ADD COLUMN idempotency_key VARCHAR(100)",
            "CREATE UNIQUE INDEX idx_attempts_idempotency ON attempts (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL",
            "CREATE INDEX idx_attempts_user_section_created ON attempts (user_id, section, created_at DESC)",
            """
            CREATE TABLE served_questions (
                id \(uuid) NOT NULL PRIMARY KEY,
                user_id \(uuid) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                question_id \(uuid) NOT NULL REFERENCES questions (id),
                session_id VARCHAR(100) NOT NULL REFERENCES user_study_sessions (id) ON DELETE CASCADE,
                section VARCHAR(10) NOT NULL CHECK (section IN ('PU', 'PK', 'PBM')),
                served_at \(timestamp) NOT NULL,
                attempt_id \(uuid) REFERENCES attempts (id) ON DELETE SET NULL
            )
            """,
            "CREATE INDEX idx_served_user_served_at ON served_questions (user_id, served_at DESC)",
            "CREATE INDEX idx_served_session_pending ON served_questions (session_id, section) WHERE attempt_id IS NULL",
            "CREATE INDEX idx_served_user_question ON served_questions (user_id, question_id)",
            """
            CREATE TABLE webhook_deliveries (
                id VARCHAR(255) NOT NULL PRIMARY KEY,
                source VARCHAR(50) NOT NULL,
                received_at \(timestamp) NOT NULL
            )
            """,
        ]
    }

    static func down(_ dialect: Dialect) -> [String] {
        var statements = [
            "DROP TABLE webhook_deliveries",
            "DROP TABLE served_questions",
            "DROP INDEX idx_attempts_user_section_created",
            "DROP INDEX idx_attempts_idempotency",
        ]
        statements += [
            "attempts": ["idempotency_key", "theta_variance_after", "item_guessing", "item_difficulty",
                         "item_discrimination", "section"],
            "users": ["clerk_updated_at", "role"],
        ].sorted { $0.key < $1.key }.flatMap { table, columns in
            columns.map { "ALTER TABLE \(table) DROP COLUMN \($0)" }
        }
        return statements
    }
}
