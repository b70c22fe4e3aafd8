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
            var passageIDs = try await QuestionRows.passageIDs(bankID: id, db)
            let newPassages = bank.passages.filter { passageIDs[$0.key] == nil }
            for batch in newPassages.batches(of: Self.rowsPerInsert) {
                for passage in batch { passageIDs[passage.key] = UUID() }
                try await QuestionRows.insertPassages(batch, ids: passageIDs, bankID: id, at: timestamp, db)
            }
            let newQuestions = try await questionsToAdd(bank.questions, bankID: id, db)
            for batch in newQuestions.batches(of: Self.rowsPerInsert) {
                try await QuestionRows.insert(batch, bankID: id, passageIDs: passageIDs, reviewer: reviewer, createdBy: nil, at: timestamp, db)
            }
            try await QuestionRows.refreshCounters(bankID: id, at: timestamp, db)
            if !existed { return .imported(questions: newQuestions.count) }
            return newQuestions.isEmpty && newPassages.isEmpty
                ? .alreadyPresent : .extended(questions: newQuestions.count, passages: newPassages.count)
        }
    }

    /// Rows per multi-row INSERT: 30 questions bind 840 values, under SQLite's oldest limit of
    /// 999 parameters; one statement per batch instead of one per row keeps a large import
    /// to a few round trips.
    static let rowsPerInsert = 30

    /// The drafts the bank does not hold yet, read in one query. A stored question without an
    /// external id (imported before ids existed) that matches a draft's section and text is
    /// given the draft's id instead of being duplicated.
    private func questionsToAdd(_ drafts: [QuestionDraft], bankID: UUID, _ db: any SQLDatabase) async throws -> [QuestionDraft] {
        var knownIDs: Set<String> = []
        var withoutID: [String: UUID] = [:]
        for row in try await db.raw("""
            SELECT id, external_id, section, text FROM questions WHERE question_bank_id = \(bind: bankID)
            """).all() {
            if let externalID = try row.decode(column: "external_id", as: String?.self) {
                knownIDs.insert(externalID)
            } else {
                let key = try row.decode(column: "section", as: String.self) + "\n" + row.decode(column: "text", as: String.self)
                withoutID[key] = try row.decode(column: "id", as: UUID.self)
            }
        }
        var missing: [QuestionDraft] = []
        for draft in drafts {
            if let externalID = draft.externalID, knownIDs.contains(externalID) { continue }
            if let storedID = withoutID.removeValue(forKey: draft.section.rawValue + "\n" + draft.text) {
                try await db.raw("UPDATE questions SET external_id = \(bind: draft.externalID) WHERE id = \(bind: storedID)").run()
                continue
            }
            missing.append(draft)
        }
        return missing
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
