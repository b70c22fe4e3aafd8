import Foundation
import GentaCore
import SQLKit

/// The first step of a feedback request: look, and claim what is not written yet.
extension FeedbackQueries {
    /// Looks at the attempt and, when it has no feedback yet, claims it for this request, with
    /// a place in the student's model allowance of `today` when one of `modelAllowance` is left
    /// — all at once: one statement on PostgreSQL (one round trip; the inserts are common table
    /// expressions reading the look), one transaction on SQLite. Another student's attempt is
    /// not found.
    ///
    /// No lock is needed. The claim is keyed by the attempt, so only one request gets it (an
    /// expired claim, whose request died, is taken over). The allowance statement adds a place
    /// only while one is left; on PostgreSQL a request that finds the row being changed waits
    /// and re-checks on the row as the other left it, so two requests cannot both take the last
    /// place. SQLite runs one write transaction at a time.
    public func begin(
        attemptID: UUID, userID: UUID, language: String, promptVersion: String, modelAllowance: Int, today: CalendarDate
    ) async throws -> FeedbackStart {
        let now = clock.now()
        let token = UUID()
        let look: SQLQueryString = """
            SELECT \(FeedbackRow.columns), q.id AS question_id, q.format, q.text, q.option_a, q.option_b, q.option_c,
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
            """
        // Takes over an expired claim, never a live one.
        let claimed: SQLQueryString = """
            ON CONFLICT (attempt_id) DO UPDATE SET
                token = excluded.token, claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
            WHERE feedback_claims.expires_at <= \(bind: now)
            RETURNING token
            """
        let claim: SQLQueryString = """
            INSERT INTO feedback_claims (attempt_id, token, claimed_at, expires_at)
            SELECT \(bind: attemptID), \(bind: token), \(bind: now), \(bind: now.addingTimeInterval(Self.claimLifetime))
            """
        // A new day starts from zero.
        let place: SQLQueryString = """
            INSERT INTO feedback_allowance (user_id, day, model_feedback)
            SELECT \(bind: userID), \(CalendarDateExpression(today)), 1
            """
        let placed: SQLQueryString = """
            ON CONFLICT (user_id) DO UPDATE SET
                model_feedback = CASE WHEN feedback_allowance.day = excluded.day
                                      THEN feedback_allowance.model_feedback + 1 ELSE 1 END,
                day = excluded.day
            WHERE feedback_allowance.day <> excluded.day OR feedback_allowance.model_feedback < \(bind: modelAllowance)
            RETURNING model_feedback
            """
        let notFound = AppError(.notFound, code: "attempt_not_found", message: "No attempt \(attemptID.uuidString.lowercased()) of yours exists.")
        let found: (look: FeedbackStart?, context: FeedbackContext, claimed: Bool, placed: Bool)
        if database.dialect == .postgres {
            found = try await database.withConnection { db in
                guard let row = try await db.raw("""
                    WITH target AS (\(look)),
                    claimed AS (
                        \(claim) FROM target
                        WHERE target.feedback_id IS NULL AND target.claim_token IS NULL AND target.cached_text IS NULL
                        \(claimed)),
                    placed AS (\(place) FROM claimed WHERE \(bind: modelAllowance > 0) \(placed))
                    SELECT target.*, (SELECT token FROM claimed) AS new_claim, (SELECT model_feedback FROM placed) AS place
                    FROM target
                    """).first()
                else { throw notFound }
                let (look, context) = try Self.look(row, attemptID: attemptID, language: language, promptVersion: promptVersion)
                return (look, context, try !row.decodeNil(column: "new_claim"), try !row.decodeNil(column: "place"))
            }
        } else {
            found = try await database.transaction { db in
                guard let row = try await db.raw(look).first() else { throw notFound }
                let (look, context) = try Self.look(row, attemptID: attemptID, language: language, promptVersion: promptVersion)
                guard look == nil, try await db.raw("\(claim) WHERE true \(claimed)").first() != nil else {
                    return (look, context, false, false)
                }
                guard modelAllowance > 0 else { return (nil, context, true, false) }
                return (nil, context, true, try await db.raw("\(place) WHERE true \(placed)").first() != nil)
            }
        }
        if let look = found.look { return look }
        // The look found nothing, yet another request claimed the attempt meanwhile.
        guard found.claimed else { return .inProgress }
        return .claimed(FeedbackClaim(token: token, context: found.context, userID: userID, modelDay: found.placed ? today : nil))
    }

    /// What the look found: stored feedback, a live claim or a cache entry; nil when nothing.
    private static func look(
        _ row: any SQLRow, attemptID: UUID, language: String, promptVersion: String
    ) throws -> (FeedbackStart?, FeedbackContext) {
        let context = try Self.context(attemptID: attemptID, row)
        if try !row.decodeNil(column: "feedback_id") { return (.stored(try FeedbackRow.decode(row)), context) }
        if try !row.decodeNil(column: "claim_token") { return (.inProgress, context) }
        guard try !row.decodeNil(column: "cached_text") else { return (nil, context) }
        let cached = NewFeedback(
            text: try row.decode(column: "cached_text", as: String.self), language: language,
            modelUsed: try row.decode(column: "cached_model", as: String.self), promptVersion: promptVersion,
            generationTimeMs: 0, inputTokens: try row.decode(column: "cached_input", as: Int?.self),
            outputTokens: try row.decode(column: "cached_output", as: Int?.self), costUSD: 0, writtenByModel: true)
        return (.cached(cached, context), context)
    }

    private static func context(attemptID: UUID, _ row: any SQLRow) throws -> FeedbackContext {
        // The prompts and the offline writer reason about options; the other formats' worked
        // answer is the explanation shown with the result.
        guard try row.decode(column: "format", as: String.self) == QuestionFormat.multipleChoice.rawValue else {
            throw AppError(.unprocessable, code: "feedback_not_available",
                message: "AI feedback is written for multiple-choice questions; for this question, the explanation shown with your answer works through the solution.")
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
