import Foundation
import GentaCore
import IRT
import SQLKit

/// What grading and the ability update need from a question; read only once it is answered.
struct QuestionKey {
    var section: Section
    var content: QuestionContent
    var parameters: ItemParameters
    var explanation: String?
    var strategyTip: String?
    var relatedConcept: String?

    static func read(_ questionID: UUID, _ db: any SQLDatabase) async throws -> QuestionKey {
        guard let row = try await db.raw("""
            SELECT q.section, \(StoredContent.columns("q")), COALESCE(discrimination, 1.0) AS a, COALESCE(difficulty_irt, 0.0) AS b,
                   COALESCE(guessing_param, 0.2) AS c, explanation, strategy_tip, related_concept
            FROM questions q WHERE q.id = \(bind: questionID) AND q.deleted_at IS NULL
            """).first()
        else {
            throw AppError(.notFound, code: "question_not_found", message: "That question does not exist or was withdrawn.")
        }
        return QuestionKey(
            section: try Section.decode(row, "section"),
            content: try StoredContent.decode(row),
            parameters: ItemParameters(
                a: try row.decode(column: "a", as: Double.self), b: try row.decode(column: "b", as: Double.self),
                c: try row.decode(column: "c", as: Double.self)),
            explanation: try row.decode(column: "explanation", as: String?.self),
            strategyTip: try row.decode(column: "strategy_tip", as: String?.self),
            relatedConcept: try row.decode(column: "related_concept", as: String?.self))
    }
}

/// The five option columns of `questions`, read into a dictionary.
enum OptionColumns {
    static func decode(_ row: any SQLRow) throws -> [AnswerOption: String] {
        var options: [AnswerOption: String] = [:]
        for letter in AnswerOption.allCases {
            options[letter] = try row.decode(column: "option_\(letter.rawValue.lowercased())", as: String.self)
        }
        return options
    }
}
