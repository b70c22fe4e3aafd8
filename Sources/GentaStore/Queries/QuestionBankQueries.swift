import Foundation
import GentaCore
import SQLKit

/// Writes question banks and their questions.
public struct QuestionBankQueries: Sendable {
    let database: any Database
    let now: @Sendable () -> Date

    public init(database: any Database, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.now = now
    }

    /// How a bank import went.
    public enum ImportOutcome: Sendable, Equatable {
        case imported(questions: Int)
        /// A bank with this id already exists; nothing was written.
        case alreadyPresent
    }

    /// Stores a validated bank and all its questions in one transaction.
    ///
    /// - Parameter reviewedBy: when given, the bank and its questions are stored as reviewed by
    ///   this name (the demo bank is); otherwise they await the content team's review.
    public func importBank(
        id: UUID, metadata: BankMetadata, questions: [QuestionDraft], reviewedBy reviewer: String?
    ) async throws -> ImportOutcome {
        try await database.transaction { db in
            let existing = try await db.raw("SELECT 1 AS present FROM question_banks WHERE id = \(bind: id)").first()
            guard existing == nil else { return .alreadyPresent }
            let timestamp = now()
            let counts = Dictionary(grouping: questions, by: \.section).mapValues(\.count)
            try await db.raw("""
                INSERT INTO question_banks (id, name, description, source, total_questions,
                    questions_pu, questions_pk, questions_pbm, is_reviewed, review_date,
                    reviewer_notes, created_at, updated_at)
                VALUES (\(bind: id), \(bind: metadata.name), \(bind: metadata.description),
                    \(bind: metadata.source), \(bind: questions.count), \(bind: counts[.pu] ?? 0),
                    \(bind: counts[.pk] ?? 0), \(bind: counts[.pbm] ?? 0), \(bind: reviewer != nil),
                    \(CalendarDateExpression(reviewer.map { _ in CalendarDate(timestamp) })),
                    \(bind: reviewer.map { "Reviewed by \($0)" }), \(bind: timestamp), \(bind: timestamp))
                """).run()
            for question in questions {
                try await insertQuestion(question, bankID: id, reviewer: reviewer, at: timestamp, db)
            }
            return .imported(questions: questions.count)
        }
    }

    private func insertQuestion(
        _ question: QuestionDraft, bankID: UUID, reviewer: String?, at timestamp: Date, _ db: any SQLDatabase
    ) async throws {
        try await db.raw("""
            INSERT INTO questions (id, question_bank_id, section, sub_type, difficulty_irt,
                discrimination, guessing_param, text, option_a, option_b, option_c, option_d,
                option_e, correct_answer, explanation, explanation_en, strategy_tip,
                related_concept, is_reviewed, reviewer_1_name, reviewer_2_name, created_at, updated_at)
            VALUES (\(bind: UUID()), \(bind: bankID), \(bind: question.section.rawValue),
                \(bind: question.subType), \(bind: question.calibration.difficulty),
                \(bind: question.calibration.discrimination), \(bind: question.calibration.guessing),
                \(bind: question.text), \(bind: question.option(.a)), \(bind: question.option(.b)),
                \(bind: question.option(.c)), \(bind: question.option(.d)), \(bind: question.option(.e)),
                \(bind: question.correctAnswer.rawValue), \(bind: question.explanation),
                \(bind: question.explanationEnglish), \(bind: question.strategyTip),
                \(bind: question.relatedConcept), \(bind: reviewer != nil), \(bind: reviewer),
                \(bind: reviewer), \(bind: timestamp), \(bind: timestamp))
            """).run()
    }

    /// Number of questions practice may serve, per section.
    public func servableCounts() async throws -> [Section: Int] {
        try await database.withConnection { db in
            let rows = try await db.raw("""
                SELECT section, COUNT(*) AS total FROM questions
                WHERE is_reviewed = \(bind: true) AND is_ambiguous = \(bind: false) AND deleted_at IS NULL
                GROUP BY section
                """).all()
            var counts: [Section: Int] = [:]
            for row in rows {
                if let section = Section(rawValue: try row.decode(column: "section", as: String.self)) {
                    counts[section] = try row.decode(column: "total", as: Int.self)
                }
            }
            return counts
        }
    }
}
