/// The seed's ten tables on PostgreSQL, with the errata of DESIGN.md corrected.
/// Every departure from the seed is listed with its reason in docs/SCHEMA.md.
enum PostgresSchemaV1 {
    static let up: [String] = [
        // Triggers that work: each table keeps its own audit column, and the application's
        // injected clock wins when it sets the column itself.
        """
        CREATE FUNCTION genta_touch_updated_at() RETURNS trigger AS $$
        BEGIN
            IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
                NEW.updated_at = now();
            END IF;
            RETURN NEW;
        END;
        $$ LANGUAGE plpgsql
        """,
        """
        CREATE FUNCTION genta_touch_last_updated() RETURNS trigger AS $$
        BEGIN
            IF NEW.last_updated IS NOT DISTINCT FROM OLD.last_updated THEN
                NEW.last_updated = now();
            END IF;
            RETURN NEW;
        END;
        $$ LANGUAGE plpgsql
        """,
        """
        CREATE TABLE users (
            id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
            clerk_id VARCHAR(255) NOT NULL UNIQUE,
            email VARCHAR(255) NOT NULL,
            full_name VARCHAR(255),
            avatar_url VARCHAR(500),
            subscription_tier VARCHAR(50) NOT NULL DEFAULT 'free'
                CHECK (subscription_tier IN ('free', 'premium', 'premium_plus')),
            subscription_start_date TIMESTAMPTZ,
            subscription_end_date TIMESTAMPTZ,
            is_subscription_active BOOLEAN NOT NULL DEFAULT false,
            irt_theta NUMERIC(5, 3) NOT NULL DEFAULT 0,
            irt_variance NUMERIC(5, 3) NOT NULL DEFAULT 1 CHECK (irt_variance > 0),
            irt_last_updated TIMESTAMPTZ,
            target_ptn VARCHAR(100),
            target_score INTEGER CHECK (target_score BETWEEN 100 AND 1000),
            exam_date DATE,
            study_hours_per_week SMALLINT CHECK (study_hours_per_week BETWEEN 0 AND 168),
            onboarding_completed BOOLEAN NOT NULL DEFAULT false,
            is_email_verified BOOLEAN NOT NULL DEFAULT false,
            is_active BOOLEAN NOT NULL DEFAULT true,
            last_login TIMESTAMPTZ,
            created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            deleted_at TIMESTAMPTZ
        )
        """,
        // An e-mail address belongs to one live account; a soft-deleted account frees it.
        "CREATE UNIQUE INDEX idx_users_email_live ON users (lower(email)) WHERE deleted_at IS NULL",
        "CREATE INDEX idx_users_created_at ON users (created_at DESC)",
        """
        CREATE INDEX idx_users_active_paid ON users (subscription_end_date)
            WHERE is_active AND subscription_tier <> 'free'
        """,
        """
        CREATE TABLE question_banks (
            id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
            name VARCHAR(255) NOT NULL,
            description TEXT,
            source VARCHAR(100),
            total_questions INTEGER NOT NULL DEFAULT 0 CHECK (total_questions >= 0),
            questions_pu INTEGER NOT NULL DEFAULT 0 CHECK (questions_pu >= 0),
            questions_pk INTEGER NOT NULL DEFAULT 0 CHECK (questions_pk >= 0),
            questions_pbm INTEGER NOT NULL DEFAULT 0 CHECK (questions_pbm >= 0),
            is_reviewed BOOLEAN NOT NULL DEFAULT false,
            review_date DATE,
            reviewer_notes TEXT,
            is_calibrated BOOLEAN NOT NULL DEFAULT false,
            calibration_date DATE,
            calibration_sample_size INTEGER CHECK (calibration_sample_size >= 0),
            created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """,
        "CREATE INDEX idx_question_banks_source ON question_banks (source)",
        """
        CREATE TABLE questions (
            id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
            question_bank_id UUID REFERENCES question_banks (id),
            section VARCHAR(10) NOT NULL CHECK (section IN ('PU', 'PK', 'PBM')),
            sub_type VARCHAR(50),
            difficulty_irt NUMERIC(4, 2),
            discrimination NUMERIC(4, 3) CHECK (discrimination > 0),
            guessing_param NUMERIC(4, 3) CHECK (guessing_param >= 0 AND guessing_param < 1),
            text TEXT NOT NULL,
            option_a VARCHAR(500) NOT NULL,
            option_b VARCHAR(500) NOT NULL,
            option_c VARCHAR(500) NOT NULL,
            option_d VARCHAR(500) NOT NULL,
            option_e VARCHAR(500) NOT NULL,
            correct_answer CHAR(1) NOT NULL CHECK (correct_answer IN ('A', 'B', 'C', 'D', 'E')),
            explanation TEXT,
            explanation_en TEXT,
            strategy_tip TEXT,
            related_concept VARCHAR(255),
            is_reviewed BOOLEAN NOT NULL DEFAULT false,
            reviewer_1_name VARCHAR(255),
            reviewer_1_notes TEXT,
            reviewer_2_name VARCHAR(255),
            reviewer_2_notes TEXT,
            is_ambiguous BOOLEAN NOT NULL DEFAULT false,
            attempt_count INTEGER NOT NULL DEFAULT 0 CHECK (attempt_count >= 0),
            correct_rate NUMERIC(5, 3) CHECK (correct_rate BETWEEN 0 AND 1),
            avg_time_seconds SMALLINT CHECK (avg_time_seconds >= 0),
            created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            deleted_at TIMESTAMPTZ
        )
        """,
        "CREATE INDEX idx_questions_question_bank_id ON questions (question_bank_id)",
        "CREATE INDEX idx_questions_section_difficulty ON questions (section, difficulty_irt)",
        "CREATE INDEX idx_questions_section_sub_type ON questions (section, sub_type)",
        // What practice may serve: the adaptive selection scans only these rows.
        """
        CREATE INDEX idx_questions_servable ON questions (section, difficulty_irt)
            WHERE is_reviewed AND NOT is_ambiguous AND deleted_at IS NULL
        """,
        """
        CREATE TABLE user_study_sessions (
            id VARCHAR(100) PRIMARY KEY,
            user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            ended_at TIMESTAMPTZ,
            duration_minutes SMALLINT CHECK (duration_minutes >= 0),
            questions_attempted INTEGER NOT NULL DEFAULT 0 CHECK (questions_attempted >= 0),
            questions_correct INTEGER NOT NULL DEFAULT 0
                CHECK (questions_correct BETWEEN 0 AND questions_attempted),
            accuracy_in_session NUMERIC(5, 3) CHECK (accuracy_in_session BETWEEN 0 AND 1),
            section VARCHAR(10) CHECK (section IN ('PU', 'PK', 'PBM')),
            created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            CHECK (ended_at IS NULL OR ended_at >= started_at)
        )
        """,
        "CREATE INDEX idx_sessions_user_started ON user_study_sessions (user_id, started_at DESC)",
        """
        CREATE TABLE attempts (
            id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
            user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            question_id UUID NOT NULL REFERENCES questions (id),
            selected_answer CHAR(1) NOT NULL CHECK (selected_answer IN ('A', 'B', 'C', 'D', 'E')),
            is_correct BOOLEAN NOT NULL,
            time_spent_seconds SMALLINT NOT NULL CHECK (time_spent_seconds >= 0),
            user_theta_before NUMERIC(5, 3),
            user_theta_after NUMERIC(5, 3),
            theta_change NUMERIC(5, 3),
            feedback_generated BOOLEAN NOT NULL DEFAULT false,
            feedback_model_used VARCHAR(50),
            feedback_generation_ms INTEGER CHECK (feedback_generation_ms >= 0),
            feedback_helpful BOOLEAN,
            session_id VARCHAR(100) REFERENCES user_study_sessions (id) ON DELETE SET NULL,
            attempt_number_in_session SMALLINT CHECK (attempt_number_in_session >= 1),
            created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            deleted_at TIMESTAMPTZ
        )
        """,
        "CREATE INDEX idx_attempts_user_created ON attempts (user_id, created_at DESC)",
        "CREATE INDEX idx_attempts_question_id ON attempts (question_id)",
        "CREATE INDEX idx_attempts_created_at ON attempts (created_at DESC)",
        "CREATE INDEX idx_attempts_session_id ON attempts (session_id) WHERE session_id IS NOT NULL",
        // The mistake book reads only wrong answers.
        """
        CREATE INDEX idx_attempts_incorrect ON attempts (user_id, created_at DESC)
            WHERE is_correct = false AND deleted_at IS NULL
        """,
        """
        CREATE TABLE user_readiness (
            user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            section VARCHAR(10) NOT NULL CHECK (section IN ('PU', 'PK', 'PBM')),
            recent_attempts_count INTEGER NOT NULL DEFAULT 0
                CHECK (recent_attempts_count BETWEEN 0 AND 10),
            recent_correct_count INTEGER NOT NULL DEFAULT 0
                CHECK (recent_correct_count BETWEEN 0 AND recent_attempts_count),
            recent_accuracy NUMERIC(4, 3) CHECK (recent_accuracy BETWEEN 0 AND 1),
            total_attempts_count INTEGER NOT NULL DEFAULT 0 CHECK (total_attempts_count >= 0),
            total_correct_count INTEGER NOT NULL DEFAULT 0
                CHECK (total_correct_count BETWEEN 0 AND total_attempts_count),
            overall_accuracy NUMERIC(4, 3) CHECK (overall_accuracy BETWEEN 0 AND 1),
            current_theta NUMERIC(5, 3) NOT NULL DEFAULT 0,
            current_theta_variance NUMERIC(5, 3) NOT NULL DEFAULT 1 CHECK (current_theta_variance > 0),
            target_theta NUMERIC(5, 3) DEFAULT 0.5,
            readiness_percentage NUMERIC(6, 3) CHECK (readiness_percentage BETWEEN 0 AND 100),
            predicted_score_low INTEGER,
            predicted_score_high INTEGER,
            ready_by_date DATE,
            improvement_rate_per_week NUMERIC(5, 3),
            days_to_ready INTEGER CHECK (days_to_ready >= 0),
            last_updated TIMESTAMPTZ NOT NULL DEFAULT now(),
            updated_by_job_id VARCHAR(100),
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
            id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
            attempt_id UUID NOT NULL UNIQUE REFERENCES attempts (id) ON DELETE CASCADE,
            feedback_text TEXT NOT NULL,
            feedback_lang VARCHAR(10) NOT NULL DEFAULT 'id' CHECK (feedback_lang IN ('id', 'en')),
            is_helpful BOOLEAN,
            model_used VARCHAR(50) NOT NULL,
            prompt_version VARCHAR(20),
            generation_time_ms INTEGER CHECK (generation_time_ms >= 0),
            token_count_input INTEGER CHECK (token_count_input >= 0),
            token_count_output INTEGER CHECK (token_count_output >= 0),
            created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """,
        "CREATE INDEX idx_feedback_created_at ON attempt_feedback (created_at DESC)",
        "CREATE INDEX idx_feedback_model_created ON attempt_feedback (model_used, created_at)",
        """
        CREATE INDEX idx_feedback_text_gin ON attempt_feedback
            USING gin (to_tsvector('indonesian', feedback_text))
        """,
        """
        CREATE TABLE payment_subscriptions (
            id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
            user_id UUID REFERENCES users (id) ON DELETE SET NULL,
            midtrans_transaction_id VARCHAR(255) UNIQUE,
            midtrans_order_id VARCHAR(255) NOT NULL UNIQUE,
            subscription_tier VARCHAR(50) NOT NULL
                CHECK (subscription_tier IN ('premium', 'premium_plus')),
            plan_duration_days INTEGER CHECK (plan_duration_days > 0),
            price_idr BIGINT NOT NULL CHECK (price_idr >= 0),
            payment_status VARCHAR(50) NOT NULL DEFAULT 'pending'
                CHECK (payment_status IN ('pending', 'success', 'failed', 'expired', 'cancelled', 'refunded')),
            subscription_start_date DATE,
            subscription_end_date DATE,
            created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
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
            id BIGSERIAL PRIMARY KEY,
            error_type VARCHAR(100),
            error_message TEXT,
            error_stack_trace TEXT,
            severity VARCHAR(20) CHECK (severity IN ('low', 'medium', 'high', 'critical')),
            user_id UUID REFERENCES users (id) ON DELETE SET NULL,
            endpoint VARCHAR(255),
            method VARCHAR(10),
            http_status_code SMALLINT CHECK (http_status_code BETWEEN 100 AND 599),
            environment VARCHAR(20),
            created_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """,
        "CREATE INDEX idx_error_logs_created_at ON error_logs (created_at DESC)",
        "CREATE INDEX idx_error_logs_severity_created ON error_logs (severity, created_at DESC)",
        "CREATE INDEX idx_error_logs_type_created ON error_logs (error_type, created_at DESC)",
        """
        CREATE TABLE question_review_logs (
            id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
            question_id UUID NOT NULL REFERENCES questions (id),
            reviewer_name VARCHAR(255) NOT NULL,
            review_status VARCHAR(50) CHECK (review_status IN ('approved', 'needs_revision', 'rejected')),
            review_notes TEXT,
            reviewed_aspects VARCHAR(500),
            needs_revision BOOLEAN NOT NULL DEFAULT false,
            revision_type VARCHAR(100),
            created_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """,
        "CREATE INDEX idx_review_logs_question_created ON question_review_logs (question_id, created_at DESC)",
        "CREATE INDEX idx_review_logs_review_status ON question_review_logs (review_status)",
    ] + touchTriggers

    static let tablesWithUpdatedAt = [
        "users", "question_banks", "questions", "user_study_sessions", "attempt_feedback",
        "payment_subscriptions",
    ]

    static func touchTrigger(_ table: String) -> String {
        """
        CREATE TRIGGER trigger_\(table)_updated_at BEFORE UPDATE ON \(table)
            FOR EACH ROW EXECUTE FUNCTION genta_touch_updated_at()
        """
    }

    static let touchTriggers: [String] =
        tablesWithUpdatedAt.map(touchTrigger) + [
            """
            CREATE TRIGGER trigger_user_readiness_last_updated BEFORE UPDATE ON user_readiness
                FOR EACH ROW EXECUTE FUNCTION genta_touch_last_updated()
            """
        ]

    static let down: [String] = [
        "DROP TABLE question_review_logs",
        "DROP TABLE error_logs",
        "DROP TABLE payment_subscriptions",
        "DROP TABLE attempt_feedback",
        "DROP TABLE user_readiness",
        "DROP TABLE attempts",
        "DROP TABLE user_study_sessions",
        "DROP TABLE questions",
        "DROP TABLE question_banks",
        "DROP TABLE users",
        "DROP FUNCTION genta_touch_last_updated()",
        "DROP FUNCTION genta_touch_updated_at()",
    ]
}
