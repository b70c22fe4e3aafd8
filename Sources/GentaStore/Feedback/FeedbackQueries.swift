import Foundation
import GentaCore
import SQLKit

/// Stores, reuses and rates AI feedback. Generating it is not done here: the model call happens
/// between `begin` and `store`, outside any transaction, so a slow provider never holds a lock.
public struct FeedbackQueries: Sendable {
    let database: any Database
    let clock: WallClock
    /// How long a cached model answer is reused.
    public static let cacheLifetime: TimeInterval = 30 * 86_400

    public init(database: any Database, clock: WallClock) {
        self.database = database
        self.clock = clock
    }

    /// How long a claim lasts when its request never stores or releases it (the process died):
    /// longer than any feedback takes to write.
    public static let claimLifetime: TimeInterval = 120

    /// Decides, under the student's lock, how this request gets the attempt's feedback: it is
    /// stored already, it comes from the cache (stored now), another request is writing it, or
    /// this request claims it — with a model when fewer than `modelAllowance` model-written
    /// feedbacks were stored or claimed since `dayStart`. Another student's attempt is not found.
    public func begin(
        attemptID: UUID, userID: UUID, language: String, promptVersion: String, modelAllowance: Int, dayStart: Date
    ) async throws -> FeedbackStart {
        try await database.transaction { db in
            if db.dialect.name == "postgresql" {
                try await db.raw("SELECT id FROM users WHERE id = \(bind: userID) FOR UPDATE").run()
            }
            let now = clock.now()
            guard let row = try await db.raw("""
                SELECT \(FeedbackRow.columns), q.id AS question_id, q.text, q.option_a, q.option_b, q.option_c,
                       q.option_d, q.option_e, a.selected_answer, q.correct_answer, q.explanation, q.explanation_en,
                       q.strategy_tip, q.related_concept, a.section, q.sub_type, a.user_theta_after,
                       c.feedback_text AS cached_text, c.model_used AS cached_model,
                       c.token_count_input AS cached_input, c.token_count_output AS cached_output,
                       cl.token AS claim_token
                FROM attempts a
                JOIN questions q ON q.id = a.question_id
                LEFT JOIN attempt_feedback f ON f.attempt_id = a.id
                LEFT JOIN feedback_cache c
                  ON c.question_id = a.question_id AND c.selected_answer = a.selected_answer
                 AND c.prompt_version = \(bind: promptVersion) AND c.feedback_lang = \(bind: language)
                 AND c.expires_at > \(bind: now)
                LEFT JOIN feedback_claims cl ON cl.attempt_id = a.id AND cl.expires_at > \(bind: now)
                WHERE a.id = \(bind: attemptID) AND a.user_id = \(bind: userID) AND a.deleted_at IS NULL
                """).first()
            else {
                throw AppError(.notFound, code: "attempt_not_found", message: "No attempt \(attemptID.uuidString.lowercased()) of yours exists.")
            }
            if try !row.decodeNil(column: "feedback_id") { return .stored(try FeedbackRow.decode(row)) }
            if try !row.decodeNil(column: "claim_token") { return .inProgress }
            let context = try Self.context(attemptID: attemptID, row)
            if try !row.decodeNil(column: "cached_text") {
                let cached = NewFeedback(
                    text: try row.decode(column: "cached_text", as: String.self), language: language,
                    modelUsed: try row.decode(column: "cached_model", as: String.self), promptVersion: promptVersion,
                    generationTimeMs: 0, inputTokens: try row.decode(column: "cached_input", as: Int?.self),
                    outputTokens: try row.decode(column: "cached_output", as: Int?.self), costUSD: 0, cacheable: false)
                guard let stored = try await Self.insert(cached, context, userID: userID, cacheHit: true, now: now, db) else {
                    throw AppError(.conflict, code: "feedback_conflict", message: "This attempt's feedback was stored meanwhile; ask again.")
                }
                return .fromCache(stored)
            }
            let used = try await db.raw("""
                SELECT (SELECT COUNT(*) FROM attempt_feedback
                        WHERE user_id = \(bind: userID) AND created_at >= \(bind: dayStart)
                          AND cache_hit = \(bind: false) AND model_used <> 'template')
                     + (SELECT COUNT(*) FROM feedback_claims
                        WHERE user_id = \(bind: userID) AND uses_model = \(bind: true) AND expires_at > \(bind: now)) AS n
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            let claim = FeedbackClaim(token: UUID(), context: context, usesModel: used < modelAllowance)
            // An expired claim on the attempt (its request died) is taken over.
            try await db.raw("""
                INSERT INTO feedback_claims (attempt_id, token, user_id, uses_model, claimed_at, expires_at)
                VALUES (\(bind: attemptID), \(bind: claim.token), \(bind: userID), \(bind: claim.usesModel), \(bind: now),
                        \(bind: now.addingTimeInterval(Self.claimLifetime)))
                ON CONFLICT (attempt_id) DO UPDATE SET token = excluded.token, user_id = excluded.user_id,
                    uses_model = excluded.uses_model, claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
                """).run()
            return .claimed(claim)
        }
    }

    /// Stores the feedback written under `claim`, caches it when a model wrote it, and ends the
    /// claim. If the attempt got feedback meanwhile (the claim had expired), that one is kept
    /// and returned.
    public func store(_ feedback: NewFeedback, claim: FeedbackClaim, userID: UUID) async throws -> StoredFeedback {
        let now = clock.now()
        let context = claim.context
        return try await database.transaction { db in
            try await db.raw("""
                DELETE FROM feedback_claims WHERE attempt_id = \(bind: context.attemptID) AND token = \(bind: claim.token)
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
            if let stored = try await Self.insert(feedback, context, userID: userID, cacheHit: false, now: now, db) {
                return stored
            }
            guard let row = try await db.raw("""
                SELECT \(FeedbackRow.columns) FROM attempt_feedback f WHERE f.attempt_id = \(bind: context.attemptID)
                """).first()
            else { throw AppError(.notFound, code: "attempt_not_found", message: "That attempt no longer exists.") }
            return try FeedbackRow.decode(row)
        }
    }

    /// Ends a claim whose feedback will not be stored (the request failed or was cancelled), so
    /// the next request need not wait for it to expire.
    public func release(_ claim: FeedbackClaim) async throws {
        try await database.withConnection { db in
            try await db.raw("""
                DELETE FROM feedback_claims WHERE attempt_id = \(bind: claim.context.attemptID) AND token = \(bind: claim.token)
                """).run()
        }
    }

    /// Inserts the attempt's feedback and marks the attempt; nil when it already had feedback.
    private static func insert(
        _ feedback: NewFeedback, _ context: FeedbackContext, userID: UUID, cacheHit: Bool, now: Date, _ db: any SQLDatabase
    ) async throws -> StoredFeedback? {
        let id = UUID()
        let inserted = try await db.raw("""
            INSERT INTO attempt_feedback (id, attempt_id, user_id, feedback_text, feedback_lang, model_used, prompt_version,
                generation_time_ms, token_count_input, token_count_output, cost_usd, cache_hit, created_at, updated_at)
            VALUES (\(bind: id), \(bind: context.attemptID), \(bind: userID), \(bind: feedback.text), \(bind: feedback.language),
                \(bind: feedback.modelUsed), \(bind: feedback.promptVersion), \(bind: feedback.generationTimeMs),
                \(bind: feedback.inputTokens), \(bind: feedback.outputTokens), \(bind: feedback.costUSD),
                \(bind: cacheHit), \(bind: now), \(bind: now))
            ON CONFLICT (attempt_id) DO NOTHING
            RETURNING id
            """).first() != nil
        guard inserted else { return nil }
        try await db.raw("""
            UPDATE attempts SET feedback_generated = \(bind: true), feedback_model_used = \(bind: feedback.modelUsed),
                feedback_generation_ms = \(bind: feedback.generationTimeMs)
            WHERE id = \(bind: context.attemptID) AND user_id = \(bind: userID)
            """).run()
        return StoredFeedback(
            id: id, attemptID: context.attemptID, text: feedback.text, language: feedback.language,
            modelUsed: feedback.modelUsed, promptVersion: feedback.promptVersion, generationTimeMs: feedback.generationTimeMs,
            inputTokens: feedback.inputTokens, outputTokens: feedback.outputTokens, costUSD: feedback.costUSD,
            cacheHit: cacheHit, isHelpful: nil, createdAt: now)
    }

    private static func context(attemptID: UUID, _ row: any SQLRow) throws -> FeedbackContext {
        FeedbackContext(
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

    /// Seed Query 7: the student's rated feedback, newest first, with the question; one page
    /// and the cursor of the next (nil on the last page). A cursor that is not one of the
    /// student's feedbacks is refused.
    public func ratedHistory(
        userID: UUID, limit: Int, after: PageCursor? = nil
    ) async throws -> (entries: [(feedback: StoredFeedback, entry: HistoryEntry)], next: PageCursor?) {
        let position: SQLQueryString = after.map {
            " AND (f.created_at, f.id) < (SELECT c.created_at, c.id FROM attempt_feedback c WHERE c.id = \(bind: $0.lastID))"
        } ?? ""
        let rows = try await database.withConnection { db in
            if let after, try await db.raw("""
                SELECT 1 AS mine FROM attempt_feedback f JOIN attempts a ON a.id = f.attempt_id
                WHERE f.id = \(bind: after.lastID) AND a.user_id = \(bind: userID)
                """).first() == nil
            {
                throw AppError(.badRequest, code: "invalid_cursor", message: "cursor must be a next_cursor value from an earlier page.",
                    details: ["field": "cursor"])
            }
            return try await db.raw("""
                SELECT \(FeedbackRow.columns), a.id, a.question_id, a.section, q.sub_type, q.text, q.option_a, q.option_b,
                       q.option_c, q.option_d, q.option_e, a.selected_answer, q.correct_answer, a.is_correct,
                       q.explanation, a.time_spent_seconds, a.created_at
                FROM attempt_feedback f JOIN attempts a ON a.id = f.attempt_id JOIN questions q ON q.id = a.question_id
                WHERE a.user_id = \(bind: userID) AND f.is_helpful IS NOT NULL AND a.deleted_at IS NULL\(position)
                ORDER BY f.created_at DESC, f.id DESC
                LIMIT \(bind: limit + 1)
                """).all()
        }
        let entries = try rows.prefix(limit).map { (feedback: try FeedbackRow.decode($0), entry: try HistoryQueries.decode($0)) }
        let next = rows.count > limit ? entries.last.map { PageCursor(lastID: $0.feedback.id) } : nil
        return (entries, next)
    }
}
