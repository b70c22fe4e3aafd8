import Foundation
import GentaCore

struct FeedbackRequestBody: Decodable {
    let lang: String?
}

struct RatingRequest: Decodable {
    let helpful: Bool
}

struct FeedbackResponse: Encodable {
    let id: String
    let attempt_id: String
    /// Plain text: never HTML; clients must still escape it when rendering.
    let feedback_text: String
    let feedback_lang: String
    let model_used: String
    let prompt_version: String?
    let generation_time_ms: Int?
    let token_count_input: Int?
    let token_count_output: Int?
    let cost_usd: Double?
    let cache_hit: Bool
    let is_helpful: Bool?
    let note: String?
    let created_at: Date

    init(_ feedback: StoredFeedback, note: String? = nil) {
        id = feedback.id.wire
        attempt_id = feedback.attemptID.wire
        feedback_text = feedback.text
        feedback_lang = feedback.language
        model_used = feedback.modelUsed
        prompt_version = feedback.promptVersion
        generation_time_ms = feedback.generationTimeMs
        token_count_input = feedback.inputTokens
        token_count_output = feedback.outputTokens
        cost_usd = feedback.costUSD
        cache_hit = feedback.cacheHit
        is_helpful = feedback.isHelpful
        self.note = note
        created_at = feedback.createdAt
    }
}

/// Seed Query 7: rated feedback with its question.
struct FeedbackHistoryResponse: Encodable {
    struct Entry: Encodable {
        let feedback: FeedbackResponse
        let question_text: String
        let section: String
        let selected_answer: String?
        let correct_answer: String?
        let is_correct: Bool
        let time_spent_seconds: Int
        let attempt_date: Date
    }
    let feedback: [Entry]
    let next_cursor: String?

    init(entries: [(feedback: StoredFeedback, entry: HistoryEntry)], next: PageCursor?) {
        feedback = entries.map { feedback, entry in
            Entry(
                feedback: FeedbackResponse(feedback), question_text: entry.questionText, section: entry.section.rawValue,
                selected_answer: QuestionWire.Answer(entry.response).selected_answer,
                correct_answer: QuestionWire.Key(entry.content.key).correct_answer,
                is_correct: entry.isCorrect, time_spent_seconds: entry.timeSpentSeconds, attempt_date: entry.createdAt)
        }
        next_cursor = next?.token
    }
}
