import Foundation
import GentaCore
import SQLKit

/// The last step of a feedback request: store what was written, or let the claim go.
extension FeedbackQueries {
    /// Stores the feedback written under `claim`, caches it when a model wrote it, gives the
    /// allowance place back when the template wrote it instead, and ends the claim, all at once.
    /// If the attempt got feedback meanwhile (the claim had expired), that one is kept and
    /// returned.
    public func store(_ feedback: NewFeedback, claim: FeedbackClaim) async throws -> StoredFeedback {
        let context = claim.context
        let now = clock.now()
        var steps = [Self.endClaim(claim)]
        if feedback.writtenByModel {
            steps.append(Self.cacheUpsert(feedback, context, now: now))
        } else if let day = claim.modelDay {
            steps.append(Self.returnPlace(userID: claim.userID, day: day))
        }
        if let stored = try await insert(feedback, context, userID: claim.userID, cacheHit: false, now: now, after: steps) {
            return stored
        }
        return try await database.withConnection { db in
            guard let row = try await db.raw("""
                SELECT \(FeedbackRow.columns) FROM attempt_feedback f WHERE f.attempt_id = \(bind: context.attemptID)
                """).first()
            else { throw AppError(.notFound, code: "attempt_not_found", message: "That attempt no longer exists.") }
            return try FeedbackRow.decode(row)
        }
    }

    /// Stores a cached answer as the attempt's feedback (a cache hit, cost 0); nil when the
    /// attempt got feedback meanwhile.
    public func storeFromCache(_ cached: NewFeedback, _ context: FeedbackContext, userID: UUID) async throws -> StoredFeedback? {
        try await insert(cached, context, userID: userID, cacheHit: true, now: clock.now(), after: [])
    }

    /// Ends a claim whose feedback will not be stored (the request failed), giving its place
    /// back, so the next request need not wait for it to expire.
    public func release(_ claim: FeedbackClaim) async throws {
        try await database.transaction { db in
            try await db.raw(Self.endClaim(claim)).run()
            if let day = claim.modelDay { try await db.raw(Self.returnPlace(userID: claim.userID, day: day)).run() }
        }
    }

    private static func endClaim(_ claim: FeedbackClaim) -> SQLQueryString {
        "DELETE FROM feedback_claims WHERE attempt_id = \(bind: claim.context.attemptID) AND token = \(bind: claim.token)"
    }

    /// Gives a place back to the day it was taken from (a day already over stays as it was).
    private static func returnPlace(userID: UUID, day: CalendarDate) -> SQLQueryString {
        """
        UPDATE feedback_allowance SET model_feedback = model_feedback - 1
        WHERE user_id = \(bind: userID) AND day = \(CalendarDateExpression(day)) AND model_feedback > 0
        """
    }

    /// Runs `steps`, inserts the attempt's feedback and marks the attempt, atomically; nil when
    /// the attempt already had feedback. On PostgreSQL it is one statement (its steps as
    /// common table expressions): one round trip instead of six, the difference between the
    /// feedback endpoint's own time being under 5 ms or not. SQLite has no data-modifying
    /// CTEs, and its statements cost no round trip, so there it is a transaction.
    private func insert(
        _ feedback: NewFeedback, _ context: FeedbackContext, userID: UUID, cacheHit: Bool, now: Date,
        after steps: [SQLQueryString]
    ) async throws -> StoredFeedback? {
        let id = UUID()
        let insert: SQLQueryString = """
            INSERT INTO attempt_feedback (id, attempt_id, feedback_text, feedback_lang, model_used, prompt_version,
                generation_time_ms, token_count_input, token_count_output, cost_usd, cache_hit, created_at, updated_at)
            VALUES (\(bind: id), \(bind: context.attemptID), \(bind: feedback.text), \(bind: feedback.language),
                \(bind: feedback.modelUsed), \(bind: feedback.promptVersion), \(bind: feedback.generationTimeMs),
                \(bind: feedback.inputTokens), \(bind: feedback.outputTokens), \(bind: feedback.costUSD),
                \(bind: cacheHit), \(bind: now), \(bind: now))
            ON CONFLICT (attempt_id) DO NOTHING
            RETURNING id
            """
        let mark: SQLQueryString = """
            UPDATE attempts SET feedback_generated = \(bind: true), feedback_model_used = \(bind: feedback.modelUsed),
                feedback_generation_ms = \(bind: feedback.generationTimeMs)
            WHERE id = \(bind: context.attemptID) AND user_id = \(bind: userID)
            """
        let inserted: Bool
        if database.dialect == .postgres {
            var parts = steps.enumerated().map { index, step -> SQLQueryString in "step\(unsafeRaw: String(index)) AS (\(step))" }
            parts.append("stored AS (\(insert))")
            parts.append("marked AS (\(mark) AND EXISTS (SELECT 1 FROM stored))")
            let statement: SQLQueryString = "WITH \(parts.joined(separator: ", ")) SELECT id FROM stored"
            inserted = try await database.withConnection { db in try await db.raw(statement).first() != nil }
        } else {
            inserted = try await database.transaction { db in
                for step in steps { try await db.raw(step).run() }
                guard try await db.raw(insert).first() != nil else { return false }
                try await db.raw(mark).run()
                return true
            }
        }
        guard inserted else { return nil }
        return StoredFeedback(
            id: id, attemptID: context.attemptID, text: feedback.text, language: feedback.language,
            modelUsed: feedback.modelUsed, promptVersion: feedback.promptVersion, generationTimeMs: feedback.generationTimeMs,
            inputTokens: feedback.inputTokens, outputTokens: feedback.outputTokens, costUSD: feedback.costUSD,
            cacheHit: cacheHit, isHelpful: nil, createdAt: now)
    }

    /// Keeps a model's answer for the same question, answer, prompt version and language.
    private static func cacheUpsert(_ feedback: NewFeedback, _ context: FeedbackContext, now: Date) -> SQLQueryString {
        """
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
            """
    }
}
