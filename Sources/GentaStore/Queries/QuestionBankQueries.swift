import Foundation
import GentaCore
import SQLKit

/// Writes question banks, their passages and their questions.
public struct QuestionBankQueries: Sendable {
    let database: any Database
    let now: @Sendable () -> Date

    public init(database: any Database, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.now = now
    }

    /// How a bank import went.
    public enum ImportOutcome: Sendable, Equatable {
        /// The bank was created with this many questions.
        case imported(questions: Int)
        /// The bank existed; questions and passages it lacked (by `external_id` and key) were
        /// added. Nothing already stored changes.
        case extended(questions: Int, passages: Int)
        /// The bank existed with everything in it; nothing was written.
        case alreadyPresent
    }

    /// Stores a validated bank in one transaction: creates it, or adds to it what it lacks.
    ///
    /// A question is recognised by its `external_id`; a stored question without one (imported
    /// before ids existed) is recognised by its text and given the id. So re-importing the same
    /// bank is a no-op, and a bank that grew (the demo bank gained four subtests) gains exactly
    /// the new questions.
    ///
    /// - Parameter reviewedBy: when given, the bank and its questions are stored as reviewed by
    ///   this name (the demo bank is); otherwise they await the content team's review.
    public func importBank(
        id: UUID, metadata: BankMetadata, bank: QuestionBankParser.Bank, reviewedBy reviewer: String?
    ) async throws -> ImportOutcome {
        try await database.transaction { db in
            let timestamp = now()
            let existed = try await db.raw("SELECT 1 AS present FROM question_banks WHERE id = \(bind: id)").first() != nil
            if !existed {
                try await db.raw("""
                    INSERT INTO question_banks (id, name, description, source, is_reviewed, review_date,
                        reviewer_notes, created_at, updated_at)
                    VALUES (\(bind: id), \(bind: metadata.name), \(bind: metadata.description),
                        \(bind: metadata.source), \(bind: reviewer != nil),
                        \(CalendarDateExpression(reviewer.map { _ in CalendarDate(timestamp) })),
                        \(bind: reviewer.map { "Reviewed by \($0)" }), \(bind: timestamp), \(bind: timestamp))
                    """).run()
            }
            var passageIDs = try await storedPassages(bankID: id, db)
            var addedPassages = 0
            for passage in bank.passages where passageIDs[passage.key] == nil {
                passageIDs[passage.key] = try await insertPassage(passage, bankID: id, at: timestamp, db)
                addedPassages += 1
            }
            var addedQuestions = 0
            for question in bank.questions where try await !adopt(question, bankID: id, db) {
                try await insertQuestion(
                    question, bankID: id, passageID: question.passageKey.flatMap { passageIDs[$0] },
                    reviewer: reviewer, at: timestamp, db)
                addedQuestions += 1
            }
            try await refreshCounters(bankID: id, at: timestamp, db)
            if !existed { return .imported(questions: addedQuestions) }
            return addedQuestions + addedPassages == 0 ? .alreadyPresent : .extended(questions: addedQuestions, passages: addedPassages)
        }
    }

    private func storedPassages(bankID: UUID, _ db: any SQLDatabase) async throws -> [String: UUID] {
        var ids: [String: UUID] = [:]
        for row in try await db.raw("SELECT id, external_key FROM passages WHERE question_bank_id = \(bind: bankID)").all() {
            ids[try row.decode(column: "external_key", as: String.self)] = try row.decode(column: "id", as: UUID.self)
        }
        return ids
    }

    /// Whether the bank already holds the question; one stored before external ids existed is
    /// given its id here.
    private func adopt(_ question: QuestionDraft, bankID: UUID, _ db: any SQLDatabase) async throws -> Bool {
        if let externalID = question.externalID {
            let known = try await db.raw("""
                SELECT 1 AS present FROM questions WHERE question_bank_id = \(bind: bankID) AND external_id = \(bind: externalID)
                """).first()
            if known != nil { return true }
        }
        guard let row = try await db.raw("""
            SELECT id FROM questions
            WHERE question_bank_id = \(bind: bankID) AND external_id IS NULL AND section = \(bind: question.section.rawValue)
              AND text = \(bind: question.text)
            """).first()
        else { return false }
        try await db.raw("""
            UPDATE questions SET external_id = \(bind: question.externalID) WHERE id = \(bind: try row.decode(column: "id", as: UUID.self))
            """).run()
        return true
    }

    private func insertPassage(_ passage: PassageDraft, bankID: UUID, at timestamp: Date, _ db: any SQLDatabase) async throws -> UUID {
        let id = UUID()
        try await db.raw("""
            INSERT INTO passages (id, question_bank_id, external_key, section, title, text, data_table,
                figure_reference, created_at, updated_at)
            VALUES (\(bind: id), \(bind: bankID), \(bind: passage.key), \(bind: passage.section.rawValue),
                \(bind: passage.title), \(bind: passage.text), \(bind: try passage.table.map(StoredJSON.encode)),
                \(bind: passage.figureReference), \(bind: timestamp), \(bind: timestamp))
            """).run()
        return id
    }

    private func insertQuestion(
        _ question: QuestionDraft, bankID: UUID, passageID: UUID?, reviewer: String?, at timestamp: Date, _ db: any SQLDatabase
    ) async throws {
        let stored = StoredContent(question.content)
        try await db.raw("""
            INSERT INTO questions (id, question_bank_id, external_id, section, sub_type, format, passage_id,
                difficulty_irt, discrimination, guessing_param, text, option_a, option_b, option_c, option_d,
                option_e, correct_answer, format_spec, explanation, explanation_en, strategy_tip,
                related_concept, is_reviewed, reviewer_1_name, reviewer_2_name, created_at, updated_at)
            VALUES (\(bind: UUID()), \(bind: bankID), \(bind: question.externalID), \(bind: question.section.rawValue),
                \(bind: question.subType), \(bind: question.content.format.rawValue), \(bind: passageID),
                \(bind: question.calibration.difficulty), \(bind: question.calibration.discrimination),
                \(bind: question.calibration.guessing), \(bind: question.text),
                \(bind: stored.options?[.a]), \(bind: stored.options?[.b]), \(bind: stored.options?[.c]),
                \(bind: stored.options?[.d]), \(bind: stored.options?[.e]), \(bind: stored.correctAnswer?.rawValue),
                \(bind: stored.formatSpec), \(bind: question.explanation),
                \(bind: question.explanationEnglish), \(bind: question.strategyTip),
                \(bind: question.relatedConcept), \(bind: reviewer != nil), \(bind: reviewer),
                \(bind: reviewer), \(bind: timestamp), \(bind: timestamp))
            """).run()
    }

    /// The bank's counters from its live questions, so they stay true however it changed.
    private func refreshCounters(bankID: UUID, at timestamp: Date, _ db: any SQLDatabase) async throws {
        let rows = try await db.raw("""
            SELECT section, COUNT(*) AS total FROM questions
            WHERE question_bank_id = \(bind: bankID) AND deleted_at IS NULL GROUP BY section
            """).all()
        var counts: [Section: Int] = [:]
        for row in rows { counts[try Section.decode(row, "section")] = try row.decode(column: "total", as: Int.self) }
        let perSection = Section.allCases.map { section -> SQLQueryString in
            "questions_\(unsafeRaw: section.rawValue.lowercased()) = \(bind: counts[section] ?? 0)"
        }
        try await db.raw("""
            UPDATE question_banks SET total_questions = \(bind: counts.values.reduce(0, +)),
                \(perSection.joined(separator: ", ")), updated_at = \(bind: timestamp)
            WHERE id = \(bind: bankID)
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
