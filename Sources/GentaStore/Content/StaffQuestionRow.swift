import Foundation
import GentaCore
import SQLKit

/// Reads `questions` rows (aliased `q`, with their passage `p` LEFT JOINed) as the content team
/// sees them.
enum StaffQuestionRow {
    static let columns: SQLQueryString = """
        q.id, q.question_bank_id, q.external_id, q.section, q.sub_type, q.text, \(StoredContent.columns("q")),
        p.external_key AS passage_key, q.explanation, q.explanation_en, q.strategy_tip, q.related_concept,
        q.difficulty_irt, q.discrimination, q.guessing_param, q.calibration_status, q.revision, q.is_reviewed, q.is_ambiguous, q.created_by,
        q.attempt_count, q.correct_rate, q.avg_time_seconds, q.created_at, q.updated_at, q.deleted_at
        """
    static let from: SQLQueryString = "questions q LEFT JOIN passages p ON p.id = q.passage_id"

    static func decode(_ row: any SQLRow) throws -> StaffQuestion {
        StaffQuestion(
            id: try row.decode(column: "id", as: UUID.self),
            bankID: try row.decode(column: "question_bank_id", as: UUID.self),
            draft: try draft(row),
            revision: try row.decode(column: "revision", as: Int.self),
            isReviewed: try row.decode(column: "is_reviewed", as: Bool.self),
            isAmbiguous: try row.decode(column: "is_ambiguous", as: Bool.self),
            createdBy: try row.decode(column: "created_by", as: UUID?.self),
            attemptCount: try row.decode(column: "attempt_count", as: Int.self),
            correctRate: try row.decodeOptionalDouble(column: "correct_rate"),
            averageTimeSeconds: try row.decode(column: "avg_time_seconds", as: Int?.self),
            createdAt: try row.decode(column: "created_at", as: Date.self),
            updatedAt: try row.decode(column: "updated_at", as: Date.self),
            deletedAt: try row.decode(column: "deleted_at", as: Date?.self))
    }

    /// The question's content as an import file holds it. Parameters a very old row lacks read
    /// as the engine's defaults (b 0, a 1, c 0.2), as practice reads them.
    static func draft(_ row: any SQLRow) throws -> QuestionDraft {
        QuestionDraft(
            externalID: try row.decode(column: "external_id", as: String?.self),
            section: try Section.decode(row, "section"),
            subType: try row.decode(column: "sub_type", as: String?.self) ?? "",
            text: try row.decode(column: "text", as: String.self),
            content: try StoredContent.decode(row),
            passageKey: try row.decode(column: "passage_key", as: String?.self),
            explanation: try row.decode(column: "explanation", as: String?.self) ?? "",
            explanationEnglish: try row.decode(column: "explanation_en", as: String?.self),
            strategyTip: try row.decode(column: "strategy_tip", as: String?.self),
            relatedConcept: try row.decode(column: "related_concept", as: String?.self),
            calibration: ItemCalibration(
                difficulty: try row.decodeOptionalDouble(column: "difficulty_irt") ?? 0,
                discrimination: try row.decodeOptionalDouble(column: "discrimination") ?? 1,
                guessing: try row.decodeOptionalDouble(column: "guessing_param") ?? 0.2,
                isPretest: try row.decode(column: "calibration_status", as: String.self) == ItemCalibration.pretest))
    }
}
