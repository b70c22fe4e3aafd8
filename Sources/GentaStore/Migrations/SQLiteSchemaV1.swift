/// The same schema as `PostgresSchemaV1` in SQLite's types, for the embedded default.
///
/// Mapping: UUID → TEXT (the application always supplies ids), VARCHAR → TEXT, NUMERIC → REAL,
/// BOOLEAN → INTEGER 0/1, TIMESTAMPTZ → REAL seconds since 1970 UTC (what SQLiteKit binds
/// for `Date`), DATE → TEXT `YYYY-MM-DD`. Checks and indexes mirror PostgreSQL's; the
/// full-text index on feedback has no SQLite counterpart.
enum SQLiteSchemaV1 {
    static let now = "(unixepoch('subsec'))"
    static func bool(_ column: String, default value: Int) -> String {
        "\(column) INTEGER NOT NULL DEFAULT \(value) CHECK (\(column) IN (0, 1))"
    }

    static let up: [String] = [
        """
        CREATE TABLE users (
            id TEXT NOT NULL PRIMARY KEY,
            clerk_id TEXT NOT NULL UNIQUE,
            email TEXT NOT NULL,
            full_name TEXT,
            avatar_url TEXT,
            subscription_tier TEXT NOT NULL DEFAULT 'free'
                CHECK (subscription_tier IN ('free', 'premium', 'premium_plus')),
            subscription_start_date REAL,
            subscription_end_date REAL,
            \(bool("is_subscription_active", default: 0)),
            irt_theta REAL NOT NULL DEFAULT 0,
            irt_variance REAL NOT NULL DEFAULT 1 CHECK (irt_variance > 0),
            irt_last_updated REAL,
            target_ptn TEXT,
            target_score INTEGER CHECK (target_score BETWEEN 100 AND 1000),
            exam_date TEXT,
            study_hours_per_week INTEGER CHECK (study_hours_per_week BETWEEN 0 AND 168),
            \(bool("onboarding_completed", default: 0)),
            \(bool("is_email_verified", default: 0)),
            \(bool("is_active", default: 1)),
            last_login REAL,
            created_at REAL NOT NULL DEFAULT \(now),
            updated_at REAL NOT NULL DEFAULT \(now),
            deleted_at REAL
        )
        """,
        "CREATE UNIQUE INDEX idx_users_email_live ON users (lower(email)) WHERE deleted_at IS NULL",
        "CREATE INDEX idx_users_created_at ON users (created_at DESC)",
        """
        CREATE INDEX idx_users_active_paid ON users (subscription_end_date)
            WHERE is_active AND subscription_tier <> 'free'
        """,
        """
        CREATE TABLE question_banks (
            id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            description TEXT,
            source TEXT,
            total_questions INTEGER NOT NULL DEFAULT 0 CHECK (total_questions >= 0),
            questions_pu INTEGER NOT NULL DEFAULT 0 CHECK (questions_pu >= 0),
            questions_pk INTEGER NOT NULL DEFAULT 0 CHECK (questions_pk >= 0),
            questions_pbm INTEGER NOT NULL DEFAULT 0 CHECK (questions_pbm >= 0),
            \(bool("is_reviewed", default: 0)),
            review_date TEXT,
            reviewer_notes TEXT,
            \(bool("is_calibrated", default: 0)),
            calibration_date TEXT,
            calibration_sample_size INTEGER CHECK (calibration_sample_size >= 0),
            created_at REAL NOT NULL DEFAULT \(now),
            updated_at REAL NOT NULL DEFAULT \(now)
        )
        """,
        "CREATE INDEX idx_question_banks_source ON question_banks (source)",
        """
        CREATE TABLE questions (
            id TEXT NOT NULL PRIMARY KEY,
            question_bank_id TEXT REFERENCES question_banks (id),
            section TEXT NOT NULL CHECK (section IN ('PU', 'PK', 'PBM')),
            sub_type TEXT,
            difficulty_irt REAL,
            discrimination REAL CHECK (discrimination > 0),
            guessing_param REAL CHECK (guessing_param >= 0 AND guessing_param < 1),
            text TEXT NOT NULL,
            option_a TEXT NOT NULL,
            option_b TEXT NOT NULL,
            option_c TEXT NOT NULL,
            option_d TEXT NOT NULL,
            option_e TEXT NOT NULL,
            correct_answer TEXT NOT NULL CHECK (correct_answer IN ('A', 'B', 'C', 'D', 'E')),
            explanation TEXT,
            explanation_en TEXT,
            strategy_tip TEXT,
            related_concept TEXT,
            \(bool("is_reviewed", default: 0)),
            reviewer_1_name TEXT,
            reviewer_1_notes TEXT,
            reviewer_2_name TEXT,
            reviewer_2_notes TEXT,
            \(bool("is_ambiguous", default: 0)),
            attempt_count INTEGER NOT NULL DEFAULT 0 CHECK (attempt_count >= 0),
            correct_rate REAL CHECK (correct_rate BETWEEN 0 AND 1),
            avg_time_seconds INTEGER CHECK (avg_time_seconds >= 0),
            created_at REAL NOT NULL DEFAULT \(now),
            updated_at REAL NOT NULL DEFAULT \(now),
            deleted_at REAL
        )
        """,
        "CREATE INDEX idx_questions_question_bank_id ON questions (question_bank_id)",
        "CREATE INDEX idx_questions_section_difficulty ON questions (section, difficulty_irt)",
        "CREATE INDEX idx_questions_section_sub_type ON questions (section, sub_type)",
        """
        CREATE INDEX idx_questions_servable ON questions (section, difficulty_irt)
            WHERE is_reviewed AND NOT is_ambiguous AND deleted_at IS NULL
        """,
        """
        CREATE TABLE user_study_sessions (
            id TEXT NOT NULL PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            started_at REAL NOT NULL DEFAULT \(now),
            ended_at REAL,
            duration_minutes INTEGER CHECK (duration_minutes >= 0),
            questions_attempted INTEGER NOT NULL DEFAULT 0 CHECK (questions_attempted >= 0),
            questions_correct INTEGER NOT NULL DEFAULT 0
                CHECK (questions_correct BETWEEN 0 AND questions_attempted),
            accuracy_in_session REAL CHECK (accuracy_in_session BETWEEN 0 AND 1),
            section TEXT CHECK (section IN ('PU', 'PK', 'PBM')),
            created_at REAL NOT NULL DEFAULT \(now),
            updated_at REAL NOT NULL DEFAULT \(now),
            CHECK (ended_at IS NULL OR ended_at >= started_at)
        )
        """,
        "CREATE INDEX idx_sessions_user_started ON user_study_sessions (user_id, started_at DESC)",
        """
        CREATE TABLE attempts (
            id TEXT NOT NULL PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            question_id TEXT NOT NULL REFERENCES questions (id),
            selected_answer TEXT NOT NULL CHECK (selected_answer IN ('A', 'B', 'C', 'D', 'E')),
            is_correct INTEGER NOT NULL CHECK (is_correct IN (0, 1)),
            time_spent_seconds INTEGER NOT NULL CHECK (time_spent_seconds >= 0),
            user_theta_before REAL,
            user_theta_after REAL,
            theta_change REAL,
            \(bool("feedback_generated", default: 0)),
            feedback_model_used TEXT,
            feedback_generation_ms INTEGER CHECK (feedback_generation_ms >= 0),
            feedback_helpful INTEGER CHECK (feedback_helpful IN (0, 1)),
            session_id TEXT REFERENCES user_study_sessions (id) ON DELETE SET NULL,
            attempt_number_in_session INTEGER CHECK (attempt_number_in_session >= 1),
            created_at REAL NOT NULL DEFAULT \(now),
            deleted_at REAL
        )
        """,
        "CREATE INDEX idx_attempts_user_created ON attempts (user_id, created_at DESC)",
        "CREATE INDEX idx_attempts_question_id ON attempts (question_id)",
        "CREATE INDEX idx_attempts_created_at ON attempts (created_at DESC)",
        "CREATE INDEX idx_attempts_session_id ON attempts (session_id) WHERE session_id IS NOT NULL",
        """
        CREATE INDEX idx_attempts_incorrect ON attempts (user_id, created_at DESC)
            WHERE is_correct = 0 AND deleted_at IS NULL
        """,
        """
        CREATE TABLE user_readiness (
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            section TEXT NOT NULL CHECK (section IN ('PU', 'PK', 'PBM')),
            recent_attempts_count INTEGER NOT NULL DEFAULT 0
                CHECK (recent_attempts_count BETWEEN 0 AND 10),
            recent_correct_count INTEGER NOT NULL DEFAULT 0
                CHECK (recent_correct_count BETWEEN 0 AND recent_attempts_count),
            recent_accuracy REAL CHECK (recent_accuracy BETWEEN 0 AND 1),
            total_attempts_count INTEGER NOT NULL DEFAULT 0 CHECK (total_attempts_count >= 0),
            total_correct_count INTEGER NOT NULL DEFAULT 0
                CHECK (total_correct_count BETWEEN 0 AND total_attempts_count),
            overall_accuracy REAL CHECK (overall_accuracy BETWEEN 0 AND 1),
            current_theta REAL NOT NULL DEFAULT 0,
            current_theta_variance REAL NOT NULL DEFAULT 1 CHECK (current_theta_variance > 0),
            target_theta REAL DEFAULT 0.5,
            readiness_percentage REAL CHECK (readiness_percentage BETWEEN 0 AND 100),
            predicted_score_low INTEGER,
            predicted_score_high INTEGER,
            ready_by_date TEXT,
            improvement_rate_per_week REAL,
            days_to_ready INTEGER CHECK (days_to_ready >= 0),
            last_updated REAL NOT NULL DEFAULT \(now),
            updated_by_job_id TEXT,
            PRIMARY KEY (user_id, section),
            CHECK (predicted_score_low IS NULL OR predicted_score_high IS NULL
                OR predicted_score_low <= predicted_score_high)
        )
        """,
        """
        CREATE INDEX idx_readiness_section_percentage
            ON user_readiness (section, readiness_percentage DESC)
        """,
        "CREATE INDEX idx_readiness_last_updated ON user_readiness (last_updated)",
        """
        CREATE TABLE attempt_feedback (
            id TEXT NOT NULL PRIMARY KEY,
            attempt_id TEXT NOT NULL UNIQUE REFERENCES attempts (id) ON DELETE CASCADE,
            feedback_text TEXT NOT NULL,
            feedback_lang TEXT NOT NULL DEFAULT 'id' CHECK (feedback_lang IN ('id', 'en')),
            is_helpful INTEGER CHECK (is_helpful IN (0, 1)),
            model_used TEXT NOT NULL,
            prompt_version TEXT,
            generation_time_ms INTEGER CHECK (generation_time_ms >= 0),
            token_count_input INTEGER CHECK (token_count_input >= 0),
            token_count_output INTEGER CHECK (token_count_output >= 0),
            created_at REAL NOT NULL DEFAULT \(now),
            updated_at REAL NOT NULL DEFAULT \(now)
        )
        """,
        "CREATE INDEX idx_feedback_created_at ON attempt_feedback (created_at DESC)",
        "CREATE INDEX idx_feedback_model_created ON attempt_feedback (model_used, created_at)",
        """
        CREATE TABLE payment_subscriptions (
            id TEXT NOT NULL PRIMARY KEY,
            user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
            midtrans_transaction_id TEXT UNIQUE,
            midtrans_order_id TEXT NOT NULL UNIQUE,
            subscription_tier TEXT NOT NULL CHECK (subscription_tier IN ('premium', 'premium_plus')),
            plan_duration_days INTEGER CHECK (plan_duration_days > 0),
            price_idr INTEGER NOT NULL CHECK (price_idr >= 0),
            payment_status TEXT NOT NULL DEFAULT 'pending'
                CHECK (payment_status IN ('pending', 'success', 'failed', 'expired', 'cancelled', 'refunded')),
            subscription_start_date TEXT,
            subscription_end_date TEXT,
            created_at REAL NOT NULL DEFAULT \(now),
            updated_at REAL NOT NULL DEFAULT \(now),
            CHECK (subscription_end_date IS NULL OR subscription_start_date IS NULL
                OR subscription_end_date >= subscription_start_date)
        )
        """,
        "CREATE INDEX idx_payments_user_created ON payment_subscriptions (user_id, created_at DESC)",
        """
        CREATE INDEX idx_payments_pending ON payment_subscriptions (created_at)
            WHERE payment_status = 'pending'
        """,
        """
        CREATE INDEX idx_payments_subscription_end_date ON payment_subscriptions (subscription_end_date)
            WHERE payment_status = 'success'
        """,
        """
        CREATE TABLE error_logs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            error_type TEXT,
            error_message TEXT,
            error_stack_trace TEXT,
            severity TEXT CHECK (severity IN ('low', 'medium', 'high', 'critical')),
            user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
            endpoint TEXT,
            method TEXT,
            http_status_code INTEGER CHECK (http_status_code BETWEEN 100 AND 599),
            environment TEXT,
            created_at REAL NOT NULL DEFAULT \(now)
        )
        """,
        "CREATE INDEX idx_error_logs_created_at ON error_logs (created_at DESC)",
        "CREATE INDEX idx_error_logs_severity_created ON error_logs (severity, created_at DESC)",
        "CREATE INDEX idx_error_logs_type_created ON error_logs (error_type, created_at DESC)",
        """
        CREATE TABLE question_review_logs (
            id TEXT NOT NULL PRIMARY KEY,
            question_id TEXT NOT NULL REFERENCES questions (id),
            reviewer_name TEXT NOT NULL,
            review_status TEXT CHECK (review_status IN ('approved', 'needs_revision', 'rejected')),
            review_notes TEXT,
            reviewed_aspects TEXT,
            \(bool("needs_revision", default: 0)),
            revision_type TEXT,
            created_at REAL NOT NULL DEFAULT \(now)
        )
        """,
        "CREATE INDEX idx_review_logs_question_created ON question_review_logs (question_id, created_at DESC)",
        "CREATE INDEX idx_review_logs_review_status ON question_review_logs (review_status)",
    ] + touchTriggers

    /// SQLite has no BEFORE-UPDATE assignment to NEW, so an AFTER trigger stamps the row when
    /// the statement itself left the audit column alone (recursive triggers are off).
    static let touchTriggers: [String] =
        PostgresSchemaV1.tablesWithUpdatedAt.map { touch(table: $0, column: "updated_at") }
        + [touch(table: "user_readiness", column: "last_updated")]

    static func touch(table: String, column: String) -> String {
        """
        CREATE TRIGGER trigger_\(table)_\(column) AFTER UPDATE ON \(table) FOR EACH ROW
            WHEN NEW.\(column) IS OLD.\(column)
        BEGIN
            UPDATE \(table) SET \(column) = \(now) WHERE rowid = NEW.rowid;
        END
        """
    }

    static let down: [String] = [
        "question_review_logs", "error_logs", "payment_subscriptions", "attempt_feedback",
        "user_readiness", "attempts", "user_study_sessions", "questions", "question_banks", "users",
    ].map { "DROP TABLE \($0)" }
}
