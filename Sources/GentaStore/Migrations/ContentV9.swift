/// Version 9: the content team's tools.
///
/// - `question_revisions`: every state of a question from its first edit on — the full row as
///   an import file writes it (`snapshot`, JSON), who made it (`changed_by`, a staff member; null
///   for the system) and why (`change_kind`). A question's current state is `questions.revision`;
///   a question never edited has no rows (its revision 1 is the row itself, recorded on first
///   edit).
/// - `questions.revision`, `questions.created_by`; `attempts.question_revision`: the revision an
///   answer was given to (null for answers before this version).
/// - `question_review_logs.reviewer_id` and `.question_revision`: reviews are by staff members and
///   of one revision; two approvals of the current revision by two people make it reviewed.
/// - `question_banks.deleted_at`: soft-deleted banks.
/// - `question_reports`: students' reports of a wrong key, an unclear question or a typo.
enum ContentV9 {
    static func up(_ dialect: Dialect) -> [String] {
        let uuid = dialect == .postgres ? "UUID" : "TEXT"
        let timestamp = dialect == .postgres ? "TIMESTAMPTZ" : "REAL"
        // SQLite cannot drop a column that is a foreign key, so on SQLite the added staff columns
        // name users without the constraint (the code writes only signed-in users' ids).
        let staff = dialect == .postgres ? "\(uuid) REFERENCES users (id) ON DELETE SET NULL" : uuid
        return [
            """
            CREATE TABLE question_revisions (
                id \(uuid) NOT NULL PRIMARY KEY,
                question_id \(uuid) NOT NULL REFERENCES questions (id),
                revision INTEGER NOT NULL CHECK (revision >= 1),
                snapshot TEXT NOT NULL,
                change_kind VARCHAR(30) NOT NULL
                    CHECK (change_kind IN ('created', 'original', 'edited', 'imported', 'deleted', 'restored', 'calibrated')),
                changed_by \(uuid) REFERENCES users (id) ON DELETE SET NULL,
                note VARCHAR(1000),
                created_at \(timestamp) NOT NULL,
                UNIQUE (question_id, revision)
            )
            """,
            "ALTER TABLE questions ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1)",
            "ALTER TABLE questions ADD COLUMN created_by \(staff)",
            "ALTER TABLE attempts ADD COLUMN question_revision INTEGER CHECK (question_revision >= 1)",
            "ALTER TABLE question_review_logs ADD COLUMN reviewer_id \(staff)",
            "ALTER TABLE question_review_logs ADD COLUMN question_revision INTEGER CHECK (question_revision >= 1)",
            "ALTER TABLE question_banks ADD COLUMN deleted_at \(timestamp)",
            """
            CREATE TABLE question_reports (
                id \(uuid) NOT NULL PRIMARY KEY,
                question_id \(uuid) NOT NULL REFERENCES questions (id),
                user_id \(uuid) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                kind VARCHAR(20) NOT NULL CHECK (kind IN ('wrong_key', 'unclear', 'typo', 'other')),
                note VARCHAR(1000),
                status VARCHAR(20) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed')),
                created_at \(timestamp) NOT NULL,
                resolved_at \(timestamp),
                resolved_by \(uuid) REFERENCES users (id) ON DELETE SET NULL
            )
            """,
            "CREATE INDEX idx_question_reports_question ON question_reports (question_id, status)",
            "CREATE INDEX idx_question_reports_user_created ON question_reports (user_id, created_at DESC)",
            // One open report per student, question and kind: a second tap is the same report.
            "CREATE UNIQUE INDEX idx_question_reports_open ON question_reports (user_id, question_id, kind) WHERE status = 'open'",
            "CREATE INDEX idx_review_logs_reviewer ON question_review_logs (reviewer_id, created_at DESC)",
        ]
    }

    static func down(_ dialect: Dialect) -> [String] {
        [
            "DROP INDEX idx_review_logs_reviewer",
            "DROP TABLE question_reports",
            "ALTER TABLE question_banks DROP COLUMN deleted_at",
            "ALTER TABLE question_review_logs DROP COLUMN question_revision",
            "ALTER TABLE question_review_logs DROP COLUMN reviewer_id",
            "ALTER TABLE attempts DROP COLUMN question_revision",
            "ALTER TABLE questions DROP COLUMN created_by",
            "ALTER TABLE questions DROP COLUMN revision",
            "DROP TABLE question_revisions",
        ]
    }
}
