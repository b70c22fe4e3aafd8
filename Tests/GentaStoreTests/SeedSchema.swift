/// The seed's ten tables as the specification (`genta-database.md`) lists them, with the
/// PostgreSQL type each column must have after the errata are applied (TIMESTAMP → timestamptz
/// because timestamps are stored in UTC; `is_correct` a plain boolean). Columns Genta adds
/// beyond the seed are listed separately so that every departure is deliberate.
enum SeedSchema {
    static let uuid = "uuid", varchar = "character varying", text = "text", numeric = "numeric"
    static let integer = "integer", smallint = "smallint", bigint = "bigint", boolean = "boolean"
    static let timestamptz = "timestamp with time zone", date = "date", char = "character"

    static let tables: [String: [String: String]] = [
        "users": [
            "id": uuid, "clerk_id": varchar, "email": varchar, "full_name": varchar, "avatar_url": varchar,
            "subscription_tier": varchar, "subscription_start_date": timestamptz,
            "subscription_end_date": timestamptz, "is_subscription_active": boolean,
            "irt_theta": numeric, "irt_variance": numeric, "irt_last_updated": timestamptz,
            "target_ptn": varchar, "target_score": integer, "exam_date": date,
            "study_hours_per_week": smallint, "onboarding_completed": boolean,
            "is_email_verified": boolean, "is_active": boolean, "last_login": timestamptz,
            "created_at": timestamptz, "updated_at": timestamptz, "deleted_at": timestamptz,
        ],
        "questions": [
            "id": uuid, "question_bank_id": uuid, "section": varchar, "sub_type": varchar,
            "difficulty_irt": numeric, "discrimination": numeric, "guessing_param": numeric,
            "text": text, "option_a": varchar, "option_b": varchar, "option_c": varchar,
            "option_d": varchar, "option_e": varchar, "correct_answer": char, "explanation": text,
            "explanation_en": text, "strategy_tip": text, "related_concept": varchar,
            "is_reviewed": boolean, "reviewer_1_name": varchar, "reviewer_1_notes": text,
            "reviewer_2_name": varchar, "reviewer_2_notes": text, "is_ambiguous": boolean,
            "attempt_count": integer, "correct_rate": numeric, "avg_time_seconds": smallint,
            "created_at": timestamptz, "updated_at": timestamptz, "deleted_at": timestamptz,
        ],
        "attempts": [
            "id": uuid, "user_id": uuid, "question_id": uuid, "selected_answer": char,
            "is_correct": boolean, "time_spent_seconds": smallint, "user_theta_before": numeric,
            "user_theta_after": numeric, "theta_change": numeric, "feedback_generated": boolean,
            "feedback_model_used": varchar, "feedback_generation_ms": integer,
            "feedback_helpful": boolean, "session_id": varchar, "attempt_number_in_session": smallint,
            "created_at": timestamptz, "deleted_at": timestamptz,
        ],
        "user_readiness": [
            "user_id": uuid, "section": varchar, "recent_attempts_count": integer,
            "recent_correct_count": integer, "recent_accuracy": numeric,
            "total_attempts_count": integer, "total_correct_count": integer,
            "overall_accuracy": numeric, "current_theta": numeric, "target_theta": numeric,
            "readiness_percentage": numeric, "predicted_score_low": integer,
            "predicted_score_high": integer, "ready_by_date": date,
            "improvement_rate_per_week": numeric, "days_to_ready": integer,
            "last_updated": timestamptz, "updated_by_job_id": varchar,
        ],
        "attempt_feedback": [
            "id": uuid, "attempt_id": uuid, "feedback_text": text, "feedback_lang": varchar,
            "is_helpful": boolean, "model_used": varchar, "prompt_version": varchar,
            "generation_time_ms": integer, "token_count_input": integer, "token_count_output": integer,
            "created_at": timestamptz, "updated_at": timestamptz,
        ],
        "question_banks": [
            "id": uuid, "name": varchar, "description": text, "source": varchar,
            "total_questions": integer, "questions_pu": integer, "questions_pk": integer,
            "questions_pbm": integer, "is_reviewed": boolean, "review_date": date,
            "reviewer_notes": text, "is_calibrated": boolean, "calibration_date": date,
            "calibration_sample_size": integer, "created_at": timestamptz, "updated_at": timestamptz,
        ],
        "user_study_sessions": [
            "id": varchar, "user_id": uuid, "started_at": timestamptz, "ended_at": timestamptz,
            "duration_minutes": smallint, "questions_attempted": integer, "questions_correct": integer,
            "accuracy_in_session": numeric, "section": varchar, "created_at": timestamptz,
            "updated_at": timestamptz,
        ],
        "payment_subscriptions": [
            "id": uuid, "user_id": uuid, "midtrans_transaction_id": varchar,
            "midtrans_order_id": varchar, "subscription_tier": varchar, "plan_duration_days": integer,
            // The seed's DATE periods became timestamps (migration 8): a period bought at 20:00
            // WIB ends at 20:00 thirty days later, not at a midnight.
            "price_idr": bigint, "payment_status": varchar, "subscription_start_date": timestamptz,
            "subscription_end_date": timestamptz, "created_at": timestamptz, "updated_at": timestamptz,
        ],
        "error_logs": [
            "id": bigint, "error_type": varchar, "error_message": text, "error_stack_trace": text,
            "severity": varchar, "user_id": uuid, "endpoint": varchar, "method": varchar,
            "http_status_code": smallint, "environment": varchar, "created_at": timestamptz,
        ],
        "question_review_logs": [
            "id": uuid, "question_id": uuid, "reviewer_name": varchar, "review_status": varchar,
            "review_notes": text, "reviewed_aspects": varchar, "needs_revision": boolean,
            "revision_type": varchar, "created_at": timestamptz,
        ],
    ]

    /// Columns Genta adds to the seed's tables (docs/SCHEMA.md says why).
    static let additions: [String: [String: String]] = [
        "user_readiness": [
            "current_theta_variance": numeric, "ready_by_status": varchar, "trend_attempts_count": integer,
            "trend_target_score": integer, "trend_refreshed_at": timestamptz,
        ],
        "attempt_feedback": ["cost_usd": numeric, "cache_hit": boolean],
        "users": ["role": varchar, "clerk_updated_at": timestamptz, "premium_plus_end_date": timestamptz],
        "payment_subscriptions": [
            "plan_id": varchar, "midtrans_status": varchar, "fraud_status": varchar, "payment_type": varchar,
            "snap_token": varchar, "snap_redirect_url": varchar, "expires_at": timestamptz, "paid_at": timestamptz,
            "failure_reason": varchar,
        ],
        "attempts": [
            "section": varchar, "item_discrimination": numeric, "item_difficulty": numeric,
            "item_guessing": numeric, "theta_variance_after": numeric, "idempotency_key": varchar,
            "response": text, "question_revision": integer, "is_pretest": boolean,
        ],
        "questions": [
            "external_id": varchar, "format": varchar, "passage_id": uuid, "format_spec": text, "revision": integer,
            "created_by": uuid, "calibration_status": varchar,
        ],
        "question_banks": [
            "questions_ppu": integer, "questions_lbi": integer, "questions_lbe": integer, "questions_pm": integer,
            "deleted_at": timestamptz,
        ],
        "question_review_logs": ["reviewer_id": uuid, "question_revision": integer],
        "error_logs": ["request_id": varchar],
    ]

    /// Tables Genta adds (docs/SCHEMA.md says why).
    static let addedTables: Set<String> = [
        "served_questions", "webhook_deliveries", "feedback_cache", "feedback_claims", "feedback_allowance", "passages",
        "tryout_events", "tryout_event_blocks", "tryout_form_items", "tryout_sittings", "tryout_sitting_blocks",
        "tryout_answers", "tryout_scores", "payment_events", "question_revisions", "question_reports",
        "key_corrections", "key_correction_students", "student_notices", "question_statistics", "job_runs",
        "calibration_runs", "question_calibrations", "daily_active_students", "daily_answers", "analytics_progress",
        "daily_totals", "weekly_active_students", "weekly_totals", "cohort_weeks",
    ]

    /// Primary keys (user_readiness's composite key is the one erratum 2 keeps).
    static let primaryKeys: [String: [String]] = [
        "users": ["id"], "questions": ["id"], "attempts": ["id"], "user_readiness": ["user_id", "section"],
        "attempt_feedback": ["id"], "question_banks": ["id"], "user_study_sessions": ["id"],
        "payment_subscriptions": ["id"], "error_logs": ["id"], "question_review_logs": ["id"],
    ]

    /// Foreign keys as (table, column) → (referenced table, ON DELETE rule).
    static let foreignKeys: [String: (String, String)] = [
        "questions.question_bank_id": ("question_banks", "NO ACTION"),
        "attempts.user_id": ("users", "CASCADE"),
        "attempts.question_id": ("questions", "NO ACTION"),
        "attempts.session_id": ("user_study_sessions", "SET NULL"),
        "user_readiness.user_id": ("users", "CASCADE"),
        "attempt_feedback.attempt_id": ("attempts", "CASCADE"),
        "user_study_sessions.user_id": ("users", "CASCADE"),
        "payment_subscriptions.user_id": ("users", "SET NULL"),
        "error_logs.user_id": ("users", "SET NULL"),
        "question_review_logs.question_id": ("questions", "NO ACTION"),
        "questions.passage_id": ("passages", "NO ACTION"),
        "questions.created_by": ("users", "SET NULL"),
        "question_review_logs.reviewer_id": ("users", "SET NULL"),
    ]

    /// Single-column unique constraints of the seed.
    static let uniqueColumns: Set<String> = [
        "users.clerk_id", "attempt_feedback.attempt_id", "payment_subscriptions.midtrans_transaction_id",
        "payment_subscriptions.midtrans_order_id",
    ]

    /// Indexes the queries rely on, beyond primary keys and unique constraints.
    static let indexes: [String: Set<String>] = [
        "users": ["idx_users_email_live", "idx_users_created_at", "idx_users_active_paid"],
        "questions": [
            "idx_questions_question_bank_id", "idx_questions_section_difficulty",
            "idx_questions_section_sub_type", "idx_questions_servable",
        ],
        "attempts": [
            "idx_attempts_user_created", "idx_attempts_question_id", "idx_attempts_created_at",
            "idx_attempts_session_id", "idx_attempts_incorrect",
        ],
        "user_readiness": ["idx_readiness_section_percentage", "idx_readiness_last_updated"],
        "attempt_feedback": ["idx_feedback_created_at", "idx_feedback_model_created"],
        "question_banks": ["idx_question_banks_source"],
        "user_study_sessions": ["idx_sessions_user_started"],
        "payment_subscriptions": [
            "idx_payments_user_created", "idx_payments_pending", "idx_payments_subscription_end_date",
            "idx_payments_created", "idx_payments_paid",
        ],
        "error_logs": ["idx_error_logs_created_at", "idx_error_logs_severity_created", "idx_error_logs_type_created"],
        "question_review_logs": ["idx_review_logs_question_created", "idx_review_logs_review_status"],
    ]

    /// PostgreSQL-only indexes (full text in Indonesian).
    static let postgresOnlyIndexes: [String: Set<String>] = ["attempt_feedback": ["idx_feedback_text_gin"]]

    static func expectedColumns(_ table: String) -> [String: String] {
        tables[table, default: [:]].merging(additions[table, default: [:]]) { seed, _ in seed }
    }
}
