import Foundation
import GentaCore
import SQLKit

/// Stores, reuses and rates AI feedback. Generating it is not done here: the model call happens
/// between `context` and `store`, outside any transaction, so a slow provider never holds a lock.
public struct FeedbackQueries: Sendable {
    let database: any Database
    let clock: WallClock
    /// How long a cached model answer is reused.
    public static let cacheLifetime: TimeInterval = 30 * 86_400

    public init(database: any Database, clock: WallClock) {
        self.database = database
        self.clock = clock
    }

    /// The attempt's own feedback, if it has some already.
    public func existing(attemptID: UUID, userID: UUID) async throws -> StoredFeedback? {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT \(FeedbackRow.columns) FROM attempt_feedback f JOIN attempts a ON a.id = f.attempt_id
                WHERE f.attempt_id = \(bind: attemptID) AND a.user_id = \(bind: userID) AND a.deleted_at IS NULL
                """).first().map(FeedbackRow.decode)
        }
    }

    /// What the writer needs; another student's attempt is not found.
    public func context(attemptID: UUID, userID: UUID) async throws -> FeedbackContext {
        try await database.withConnection { db in
            guard let row = try await db.raw("""
                SELECT a.id AS attempt_id, q.id AS question_id, q.text, q.option_a, q.option_b, q.option_c,
                       q.option_d, q.option_e, a.selected_answer, q.correct_answer, q.explanation, q.explanation_en,
                       q.strategy_tip, q.related_concept, a.section, q.sub_type, a.user_theta_after
                FROM attempts a JOIN questions q ON q.id = a.question_id
                WHERE a.id = \(bind: attemptID) AND a.user_id = \(bind: userID) AND a.deleted_at IS NULL
                """).first()
            else {
                throw AppError(.notFound, code: "attempt_not_found", message: "No attempt \(attemptID.uuidString.lowercased()) of yours exists.")
            }
            return FeedbackContext(
                attemptID: attemptID, questionID: try row.decode(column: "question_id", as: UUID.self),
                questionText: try row.decode(column: "text", as: String.self), options: try OptionColumns.decode(row),
                selectedAnswer: try AnswerOption.decode(row, "selected_answer"),
                correctAnswer: try AnswerOption.decode(row, "correct_answer"),
                explanation: try row.decode(column: "explanation", as: String?.self),
                explanationEnglish: try row.decode(column: "explanation_en", as: String?.self),
                strategyTip: try row.decode(column: "strategy_tip", as: String?.self),
                relatedConcept: try row.decode(column: "related_concept", as: String?.self),
                section: try Section.decode(row, "section"), subType: try row.decode(column: "sub_type", as: String?.self),
                thetaAfter: try row.decodeOptionalDouble(column: "user_theta_after") ?? 0)
        }
    }

    /// A model's unexpired answer for the same question, answer, prompt version and language.
    public func cached(questionID: UUID, answer: AnswerOption, promptVersion: String, language: String) async throws -> NewFeedback? {
        let now = clock.now()
        return try await database.withConnection { db in
            try await db.raw("""
                SELECT feedback_text, model_used, token_count_input, token_count_output
                FROM feedback_cache
                WHERE question_id = \(bind: questionID) AND selected_answer = \(bind: answer.rawValue)
                  AND prompt_version = \(bind: promptVersion) AND feedback_lang = \(bind: language)
                  AND expires_at > \(bind: now)
                """).first().map {
                NewFeedback(
                    text: try $0.decode(column: "feedback_text", as: String.self), language: language,
                    modelUsed: try $0.decode(column: "model_used", as: String.self), promptVersion: promptVersion,
                    generationTimeMs: 0, inputTokens: try $0.decode(column: "token_count_input", as: Int?.self),
                    outputTokens: try $0.decode(column: "token_count_output", as: Int?.self), costUSD: 0, cacheable: false)
            }
        }
    }

    /// Model-written (not cached, not template) feedback this student received since `since`.
    public func modelFeedbackCount(userID: UUID, since: Date) async throws -> Int {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT COUNT(*) AS n FROM attempt_feedback f JOIN attempts a ON a.id = f.attempt_id
                WHERE a.user_id = \(bind: userID) AND f.created_at >= \(bind: since)
                  AND f.cache_hit = \(bind: false) AND f.model_used <> 'template'
                """).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Stores feedback for the attempt (the first one wins if two requests raced) and returns
    /// what is stored; caches it when a model wrote it.
    public func store(_ feedback: NewFeedback, for context: FeedbackContext, userID: UUID, cacheHit: Bool) async throws -> StoredFeedback {
        let now = clock.now()
        return try await database.transaction { db in
            try await db.raw("""
                INSERT INTO attempt_feedback (id, attempt_id, feedback_text, feedback_lang, model_used, prompt_version,
                    generation_time_ms, token_count_input, token_count_output, cost_usd, cache_hit, created_at, updated_at)
                VALUES (\(bind: UUID()), \(bind: context.attemptID), \(bind: feedback.text), \(bind: feedback.language),
                    \(bind: feedback.modelUsed), \(bind: feedback.promptVersion), \(bind: feedback.generationTimeMs),
                    \(bind: feedback.inputTokens), \(bind: feedback.outputTokens), \(bind: feedback.costUSD),
                    \(bind: cacheHit), \(bind: now), \(bind: now))
                ON CONFLICT (attempt_id) DO NOTHING
                """).run()
            try await db.raw("""
                UPDATE attempts SET feedback_generated = \(bind: true), feedback_model_used = \(bind: feedback.modelUsed),
                    feedback_generation_ms = \(bind: feedback.generationTimeMs)
                WHERE id = \(bind: context.attemptID) AND user_id = \(bind: userID)
                """).run()
            if feedback.cacheable {
                try await db.raw("""
                    INSERT INTO feedback_cache (id, question_id, selected_answer, prompt_version, feedback_lang, feedback_text,
                        model_used, token_count_input, token_count_output, generation_time_ms, created_at, expires_at)
                    VALUES (\(bind: UUID()), \(bind: context.questionID), \(bind: context.selectedAnswer.rawValue),
                        \(bind: feedback.promptVersion), \(bind: feedback.language), \(bind: feedback.text),
                        \(bind: feedback.modelUsed), \(bind: feedback.inputTokens), \(bind: feedback.outputTokens),
                        \(bind: feedback.generationTimeMs), \(bind: now), \(bind: now.addingTimeInterval(Self.cacheLifetime)))
                    ON CONFLICT (question_id, selected_answer, prompt_version, feedback_lang) DO UPDATE SET
                        feedback_text = excluded.feedback_text, model_used = excluded.model_used,
                        token_count_input = excluded.token_count_input, token_count_output = excluded.token_count_output,
                        generation_time_ms = excluded.generation_time_ms, created_at = excluded.created_at,
                        expires_at = excluded.expires_at
                    """).run()
            }
            guard let row = try await db.raw("""
                SELECT \(FeedbackRow.columns) FROM attempt_feedback f WHERE f.attempt_id = \(bind: context.attemptID)
                """).first()
            else { throw AppError(.notFound, code: "attempt_not_found", message: "That attempt no longer exists.") }
            return try FeedbackRow.decode(row)
        }
    }

    /// Records (or changes) the student's 👍/👎 on their own feedback.
    public func rate(feedbackID: UUID, userID: UUID, helpful: Bool) async throws -> StoredFeedback {
        let now = clock.now()
        return try await database.transaction { db in
            guard let attemptID = try await db.raw("""
                SELECT f.attempt_id FROM attempt_feedback f JOIN attempts a ON a.id = f.attempt_id
                WHERE f.id = \(bind: feedbackID) AND a.user_id = \(bind: userID) AND a.deleted_at IS NULL
                """).first()?.decode(column: "attempt_id", as: UUID.self)
            else {
                throw AppError(.notFound, code: "feedback_not_found", message: "No feedback \(feedbackID.uuidString.lowercased()) of yours exists.")
            }
            try await db.raw("UPDATE attempt_feedback SET is_helpful = \(bind: helpful), updated_at = \(bind: now) WHERE id = \(bind: feedbackID)").run()
            try await db.raw("UPDATE attempts SET feedback_helpful = \(bind: helpful) WHERE id = \(bind: attemptID)").run()
            let row = try await db.raw("SELECT \(FeedbackRow.columns) FROM attempt_feedback f WHERE f.id = \(bind: feedbackID)").first()
            return try FeedbackRow.decode(row!)
        }
    }

    /// Seed Query 7: the student's rated feedback, newest first, with the question.
    public func ratedHistory(userID: UUID, limit: Int) async throws -> [(feedback: StoredFeedback, entry: HistoryEntry)] {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT \(FeedbackRow.columns), a.id, a.question_id, a.section, q.sub_type, q.text, q.option_a, q.option_b,
                       q.option_c, q.option_d, q.option_e, a.selected_answer, q.correct_answer, a.is_correct,
                       q.explanation, a.time_spent_seconds, a.created_at
                FROM attempt_feedback f JOIN attempts a ON a.id = f.attempt_id JOIN questions q ON q.id = a.question_id
                WHERE a.user_id = \(bind: userID) AND f.is_helpful IS NOT NULL AND a.deleted_at IS NULL
                ORDER BY f.created_at DESC
                LIMIT \(bind: limit)
                """).all().map { (try FeedbackRow.decode($0), try HistoryQueries.decode($0)) }
        }
    }
}

/// Reading `attempt_feedback` rows (aliased `f`).
enum FeedbackRow {
    static let columns: SQLQueryString = """
        f.id AS feedback_id, f.attempt_id, f.feedback_text, f.feedback_lang, f.model_used, f.prompt_version,
        f.generation_time_ms, f.token_count_input, f.token_count_output, f.cost_usd, f.cache_hit, f.is_helpful,
        f.created_at AS feedback_created_at
        """

    static func decode(_ row: any SQLRow) throws -> StoredFeedback {
        StoredFeedback(
            id: try row.decode(column: "feedback_id", as: UUID.self),
            attemptID: try row.decode(column: "attempt_id", as: UUID.self),
            text: try row.decode(column: "feedback_text", as: String.self),
            language: try row.decode(column: "feedback_lang", as: String.self),
            modelUsed: try row.decode(column: "model_used", as: String.self),
            promptVersion: try row.decode(column: "prompt_version", as: String?.self),
            generationTimeMs: try row.decode(column: "generation_time_ms", as: Int?.self),
            inputTokens: try row.decode(column: "token_count_input", as: Int?.self),
            outputTokens: try row.decode(column: "token_count_output", as: Int?.self),
            costUSD: try row.decodeOptionalDouble(column: "cost_usd"),
            cacheHit: try row.decode(column: "cache_hit", as: Bool.self),
            isHelpful: try row.decode(column: "is_helpful", as: Bool?.self),
            createdAt: try row.decode(column: "feedback_created_at", as: Date.self))
    }
}
