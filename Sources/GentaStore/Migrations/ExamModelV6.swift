import GentaCore

/// Version 6: the real exam — seven subtests, three question formats, reading passages.
///
/// - every `section` CHECK widens from PU/PK/PBM to the seven codes (rows keep their codes, so
///   nothing is rewritten and clients sending the old three keep working);
/// - `question_banks` counts the four new subtests;
/// - `passages`: a stimulus several questions share, named in its bank by `external_key`;
/// - `questions` gains `external_id` (the bank's stable name, unique per bank, so re-imports
///   recognise a question), `format`, `passage_id` and `format_spec` (JSON: the labels and
///   statements of a complex question, or the accepted short answers); the option columns and
///   `correct_answer` become optional, required together for multiple choice only;
/// - `attempts.response` keeps what a student answered to the new formats; `selected_answer`
///   becomes optional (one of the two is always present).
enum ExamModelV6 {
    static let oldSections = "CHECK (section IN ('PU', 'PK', 'PBM'))"
    static var newSections: String { "CHECK (section IN (\(Section.sqlList)))" }
    static let sectionTables = ["questions", "user_study_sessions", "attempts", "served_questions", "user_readiness"]
    static let newBankCounters = ["questions_ppu", "questions_lbi", "questions_lbe", "questions_pm"]
    static let optionColumns = ["option_a", "option_b", "option_c", "option_d", "option_e"]

    static let formatFields = """
        CONSTRAINT questions_format_fields CHECK (
            (format = 'multiple_choice' AND option_a IS NOT NULL AND option_b IS NOT NULL
                AND option_c IS NOT NULL AND option_d IS NOT NULL AND option_e IS NOT NULL
                AND correct_answer IS NOT NULL)
            OR (format <> 'multiple_choice' AND format_spec IS NOT NULL))
        """
    static let responseGiven = "CONSTRAINT attempts_response_given CHECK (selected_answer IS NOT NULL OR response IS NOT NULL)"

    static func up(_ dialect: Dialect) -> [String] {
        let uuid = dialect == .postgres ? "UUID" : "TEXT"
        let timestamp = dialect == .postgres ? "TIMESTAMPTZ" : "REAL"
        var statements: [String] = []
        if dialect == .postgres {
            for table in sectionTables {
                statements += [
                    "ALTER TABLE \(table) DROP CONSTRAINT \(table)_section_check",
                    "ALTER TABLE \(table) ADD CONSTRAINT \(table)_section_check \(newSections)",
                ]
            }
        }
        statements += newBankCounters.map {
            "ALTER TABLE question_banks ADD COLUMN \($0) INTEGER NOT NULL DEFAULT 0 CHECK (\($0) >= 0)"
        }
        statements += [
            """
            CREATE TABLE passages (
                id \(uuid) NOT NULL PRIMARY KEY,
                question_bank_id \(uuid) NOT NULL REFERENCES question_banks (id),
                external_key VARCHAR(100) NOT NULL,
                section VARCHAR(10) NOT NULL \(newSections),
                title VARCHAR(255),
                text TEXT NOT NULL,
                data_table TEXT,
                figure_reference VARCHAR(500),
                created_at \(timestamp) NOT NULL,
                updated_at \(timestamp) NOT NULL,
                deleted_at \(timestamp),
                UNIQUE (question_bank_id, external_key)
            )
            """,
            "ALTER TABLE questions ADD COLUMN external_id VARCHAR(100)",
            """
            ALTER TABLE questions ADD COLUMN format VARCHAR(30) NOT NULL DEFAULT 'multiple_choice'
                CHECK (format IN (\(QuestionFormat.sqlList)))
            """,
            "ALTER TABLE questions ADD COLUMN passage_id \(uuid) REFERENCES passages (id)",
            "ALTER TABLE questions ADD COLUMN format_spec TEXT",
            """
            CREATE UNIQUE INDEX idx_questions_bank_external ON questions (question_bank_id, external_id)
                WHERE external_id IS NOT NULL
            """,
            "CREATE INDEX idx_questions_passage ON questions (passage_id) WHERE passage_id IS NOT NULL",
            "ALTER TABLE attempts ADD COLUMN response TEXT",
        ]
        if dialect == .postgres {
            statements += (optionColumns + ["correct_answer"]).map { "ALTER TABLE questions ALTER COLUMN \($0) DROP NOT NULL" }
            statements += [
                "ALTER TABLE questions ADD \(formatFields)",
                "ALTER TABLE attempts ALTER COLUMN selected_answer DROP NOT NULL",
                "ALTER TABLE attempts ADD \(responseGiven)",
            ]
        }
        return statements
    }

    /// What SQLite's ALTER TABLE cannot do, as edits of the table definitions (after `up`).
    static var sqliteEdits: [SQLiteSchemaEdit] {
        SQLiteSchemaEdit.replace(oldSections, with: newSections, in: sectionTables)
            + optionColumns.map { SQLiteSchemaEdit(table: "questions", old: "\($0) TEXT NOT NULL", new: "\($0) TEXT") }
            + [
                SQLiteSchemaEdit(table: "questions", old: "correct_answer TEXT NOT NULL CHECK", new: "correct_answer TEXT CHECK"),
                .appendConstraint(formatFields, to: "questions"),
                SQLiteSchemaEdit(table: "attempts", old: "selected_answer TEXT NOT NULL CHECK", new: "selected_answer TEXT CHECK"),
                .appendConstraint(responseGiven, to: "attempts"),
            ]
    }

    /// SQLite drops no column a foreign key uses, so reverting first unlinks `passage_id`.
    static let sqliteDownEdits = [
        SQLiteSchemaEdit(table: "questions", old: "passage_id TEXT REFERENCES passages (id)", new: "passage_id TEXT"),
    ]

    /// On PostgreSQL reverting fails while rows of the new subtests or formats exist (the narrowed
    /// checks reject them); SQLite does not recheck rows, so revert only a database without them.
    static func down(_ dialect: Dialect) -> [String] {
        var statements: [String] = []
        if dialect == .postgres {
            statements += [
                "ALTER TABLE attempts DROP CONSTRAINT attempts_response_given",
                "ALTER TABLE attempts ALTER COLUMN selected_answer SET NOT NULL",
                "ALTER TABLE questions DROP CONSTRAINT questions_format_fields",
            ]
            statements += (optionColumns + ["correct_answer"]).map { "ALTER TABLE questions ALTER COLUMN \($0) SET NOT NULL" }
        }
        statements += [
            "ALTER TABLE attempts DROP COLUMN response",
            "DROP INDEX idx_questions_passage",
            "DROP INDEX idx_questions_bank_external",
            "ALTER TABLE questions DROP COLUMN format_spec",
            "ALTER TABLE questions DROP COLUMN passage_id",
            "ALTER TABLE questions DROP COLUMN format",
            "ALTER TABLE questions DROP COLUMN external_id",
            "DROP TABLE passages",
        ]
        statements += newBankCounters.reversed().map { "ALTER TABLE question_banks DROP COLUMN \($0)" }
        if dialect == .postgres {
            for table in sectionTables {
                statements += [
                    "ALTER TABLE \(table) DROP CONSTRAINT \(table)_section_check",
                    "ALTER TABLE \(table) ADD CONSTRAINT \(table)_section_check \(oldSections)",
                ]
            }
        }
        return statements
    }
}
