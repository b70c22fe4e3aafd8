/// Version 3: AI feedback — its cost, whether it came from the cache, and the cache itself.
///
/// `feedback_cache` is keyed by what the feedback depends on: the question, the chosen answer,
/// the prompt version and the language (not by attempt, as the seed's diagram had it: a cache
/// per attempt could never be hit twice). Entries expire so improved prompts and models replace
/// them; only model-written feedback is cached (the template writer costs nothing).
enum FeedbackV3 {
    static func up(_ dialect: Dialect) -> [String] {
        let uuid = dialect == .postgres ? "UUID" : "TEXT"
        let timestamp = dialect == .postgres ? "TIMESTAMPTZ" : "REAL"
        let money = dialect == .postgres ? "NUMERIC(14, 8)" : "REAL"
        let boolean = dialect == .postgres ? "BOOLEAN NOT NULL DEFAULT false" : "INTEGER NOT NULL DEFAULT 0 CHECK (cache_hit IN (0, 1))"
        return [
            "ALTER TABLE attempt_feedback ADD COLUMN cost_usd \(money) CHECK (cost_usd >= 0)",
            "ALTER TABLE attempt_feedback ADD COLUMN cache_hit \(boolean)",
            """
            CREATE TABLE feedback_cache (
                id \(uuid) NOT NULL PRIMARY KEY,
                question_id \(uuid) NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
                selected_answer CHAR(1) NOT NULL CHECK (selected_answer IN ('A', 'B', 'C', 'D', 'E')),
                prompt_version VARCHAR(20) NOT NULL,
                feedback_lang VARCHAR(10) NOT NULL CHECK (feedback_lang IN ('id', 'en')),
                feedback_text TEXT NOT NULL,
                model_used VARCHAR(50) NOT NULL,
                token_count_input INTEGER CHECK (token_count_input >= 0),
                token_count_output INTEGER CHECK (token_count_output >= 0),
                generation_time_ms INTEGER CHECK (generation_time_ms >= 0),
                created_at \(timestamp) NOT NULL,
                expires_at \(timestamp) NOT NULL,
                UNIQUE (question_id, selected_answer, prompt_version, feedback_lang)
            )
            """,
            "CREATE INDEX idx_feedback_cache_expires ON feedback_cache (expires_at)",
        ]
    }

    static func down(_ dialect: Dialect) -> [String] {
        [
            "DROP TABLE feedback_cache",
            "ALTER TABLE attempt_feedback DROP COLUMN cache_hit",
            "ALTER TABLE attempt_feedback DROP COLUMN cost_usd",
        ]
    }
}
