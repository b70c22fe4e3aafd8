import Foundation
import GentaCore
import SQLKit

/// The content team's edits of single questions. Every change is a new revision, recorded with
/// who made it (`question_revisions`); a change of content takes the question out of practice
/// and tryouts until two reviewers approve the new revision.
public struct QuestionEditor: Sendable {
    let database: any Database
    let now: @Sendable () -> Date

    public init(database: any Database, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.now = now
    }

    public func question(_ id: UUID) async throws -> StaffQuestion {
        try await database.withConnection { db in try await Self.load(id, db) }
    }

    /// A new question in `bankID`, by `staff`, awaiting review.
    public func create(_ draft: QuestionDraft, bankID: UUID, by staff: UUID) async throws -> StaffQuestion {
        try await database.transaction { db in
            let timestamp = now()
            try await BankQueries.requireLive(bankID, db)
            let passageID = try await Self.passage(draft, bankID: bankID, db)
            try await Self.requireUnique(draft, bankID: bankID, except: nil, db)
            let passages = passageID.map { [draft.passageKey ?? "": $0] } ?? [:]
            let id = try await QuestionRows.insert([draft], bankID: bankID, passageIDs: passages, reviewer: nil, createdBy: staff, at: timestamp, db)[0]
            try await QuestionRows.recordRevision(questionID: id, number: 1, draft: draft, change: .created, by: staff, note: nil, at: timestamp, db)
            try await QuestionRows.refreshCounters(bankID: bankID, at: timestamp, db)
            return try await Self.load(id, db)
        }
    }

    /// Replaces the question's content. Nothing changes for an identical draft. A new key for a
    /// question students have answered is a key correction: their answers are regraded here and
    /// their ability replayed by `KeyCorrectionJob`. A new format for such a question is refused.
    public func update(_ id: UUID, to draft: QuestionDraft, by staff: UUID, note: String?) async throws -> StaffQuestion {
        try await database.transaction { db in
            let timestamp = now()
            let current = try await Self.load(id, db, forUpdate: true)
            guard current.deletedAt == nil else { throw Self.deleted }
            guard draft != current.draft else { return current }
            if draft.content.format != current.draft.content.format { try await Self.requireUnanswered(id, db) }
            let passageID = try await Self.passage(draft, bankID: current.bankID, db)
            try await Self.requireUnique(draft, bankID: current.bankID, except: id, db)
            try await Self.recordOriginal(current, db)
            try await QuestionRows.update(id, to: draft, passageID: passageID, at: timestamp, db)
            try await Self.advance(id, to: current.revision + 1, unreviewed: true, at: timestamp, db)
            try await QuestionRows.recordRevision(
                questionID: id, number: current.revision + 1, draft: draft, change: .edited, by: staff, note: note, at: timestamp, db)
            if draft.content.key != current.draft.content.key, try await Self.isAnswered(id, db) {
                _ = try await KeyCorrectionStart.record(current, to: draft.content, revision: current.revision + 1, by: staff, note: note, at: timestamp, db)
            }
            try await QuestionRows.refreshCounters(bankID: current.bankID, at: timestamp, db)
            return try await Self.load(id, db)
        }
    }

    /// Soft-deletes (`deleted: true`) or restores a question; either is a revision.
    public func setDeleted(_ id: UUID, _ deleted: Bool, by staff: UUID, note: String?) async throws -> StaffQuestion {
        try await database.transaction { db in
            let timestamp = now()
            let current = try await Self.load(id, db, forUpdate: true)
            guard (current.deletedAt != nil) != deleted else { return current }
            if !deleted { try await BankQueries.requireLive(current.bankID, db) }
            try await Self.recordOriginal(current, db)
            try await db.raw("""
                UPDATE questions SET deleted_at = \(bind: deleted ? timestamp : nil), updated_at = \(bind: timestamp)
                WHERE id = \(bind: id)
                """).run()
            try await Self.advance(id, to: current.revision + 1, unreviewed: false, at: timestamp, db)
            try await QuestionRows.recordRevision(
                questionID: id, number: current.revision + 1, draft: current.draft, change: deleted ? .deleted : .restored,
                by: staff, note: note, at: timestamp, db)
            try await QuestionRows.refreshCounters(bankID: current.bankID, at: timestamp, db)
            return try await Self.load(id, db)
        }
    }

    /// The question's history, newest first.
    public func revisions(_ id: UUID) async throws -> [QuestionRevision] {
        try await database.withConnection { db in
            let current = try await Self.load(id, db)
            let rows = try await db.raw("""
                SELECT revision, snapshot, change_kind, changed_by, note, created_at FROM question_revisions
                WHERE question_id = \(bind: id) ORDER BY revision DESC
                """).all()
            var revisions = try rows.map { row in
                QuestionRevision(
                    revision: try row.decode(column: "revision", as: Int.self),
                    snapshot: try StoredJSON.decode(JSONValue.self, from: try row.decode(column: "snapshot", as: String.self)),
                    change: QuestionRevision.Change(rawValue: try row.decode(column: "change_kind", as: String.self)) ?? .edited,
                    changedBy: try row.decode(column: "changed_by", as: UUID?.self),
                    note: try row.decode(column: "note", as: String?.self),
                    createdAt: try row.decode(column: "created_at", as: Date.self))
            }
            // Never edited since revisions are kept: its one state is the row itself.
            if revisions.isEmpty {
                revisions = [QuestionRevision(
                    revision: current.revision, snapshot: QuestionFileWriter.object(current.draft), change: .original,
                    changedBy: current.createdBy, note: nil, createdAt: current.createdAt)]
            }
            return revisions
        }
    }

    // MARK: Steps inside a transaction

    static let notFound = AppError(.notFound, code: "question_not_found", message: "No question has that id.")
    static let deleted = AppError(.conflict, code: "question_deleted",
        message: "This question is deleted; restore it (POST …/restore) before editing it.")

    static func load(_ id: UUID, _ db: any SQLDatabase, forUpdate: Bool = false) async throws -> StaffQuestion {
        let lock: SQLQueryString = forUpdate && db.dialect.name == "postgresql" ? " FOR UPDATE OF q" : ""
        guard let row = try await db.raw("""
            SELECT \(StaffQuestionRow.columns) FROM \(StaffQuestionRow.from) WHERE q.id = \(bind: id)\(lock)
            """).first()
        else { throw notFound }
        return try StaffQuestionRow.decode(row)
    }

    /// The passage a draft names, in its own bank and subtest.
    static func passage(_ draft: QuestionDraft, bankID: UUID, _ db: any SQLDatabase) async throws -> UUID? {
        guard let key = draft.passageKey else { return nil }
        guard let row = try await db.raw("""
            SELECT id, section FROM passages
            WHERE question_bank_id = \(bind: bankID) AND external_key = \(bind: key) AND deleted_at IS NULL
            """).first()
        else {
            throw AppError(.unprocessable, code: "unknown_passage", message: "This bank has no passage \"\(key)\".",
                details: ["field": "passage_key"])
        }
        guard try Section.decode(row, "section") == draft.section else {
            throw AppError(.unprocessable, code: "passage_section_mismatch",
                message: "Passage \"\(key)\" belongs to another subtest than the question.", details: ["field": "passage_key"])
        }
        return try row.decode(column: "id", as: UUID.self)
    }

    /// No other live question of the bank has the draft's external id, or its text on the same passage.
    static func requireUnique(_ draft: QuestionDraft, bankID: UUID, except id: UUID?, _ db: any SQLDatabase) async throws {
        let others = try await db.raw("""
            SELECT q.id, q.external_id, q.text, p.external_key AS passage_key FROM questions q
            LEFT JOIN passages p ON p.id = q.passage_id
            WHERE q.question_bank_id = \(bind: bankID) AND q.deleted_at IS NULL
              AND (q.external_id = \(bind: draft.externalID) OR LOWER(q.text) = LOWER(\(bind: draft.text)))
            """).all()
        for row in others {
            guard try row.decode(column: "id", as: UUID.self) != id else { continue }
            if let external = draft.externalID, try row.decode(column: "external_id", as: String?.self) == external {
                throw AppError(.conflict, code: "duplicate_external_id",
                    message: "Another question of this bank has external_id \"\(external)\".", details: ["field": "external_id"])
            }
            if try row.decode(column: "passage_key", as: String?.self) == draft.passageKey {
                throw AppError(.conflict, code: "duplicate_question",
                    message: "Another question of this bank has the same text.", details: ["field": "text"])
            }
        }
    }

    static func isAnswered(_ id: UUID, _ db: any SQLDatabase) async throws -> Bool {
        try await db.raw("SELECT 1 AS answered FROM attempts WHERE question_id = \(bind: id) LIMIT 1").first() != nil
    }

    /// A stored answer is graded in its question's format, so an answered question keeps it.
    static func requireUnanswered(_ id: UUID, _ db: any SQLDatabase) async throws {
        guard try await !isAnswered(id, db) else {
            throw AppError(.conflict, code: "format_change_on_answered",
                message: "Students have answered this question, so its format cannot change: their answers could not be graded in another format. Write a new question instead.",
                details: ["field": "format"])
        }
    }

    /// Before a question's first recorded change, its current state becomes its first revision.
    static func recordOriginal(_ question: StaffQuestion, _ db: any SQLDatabase) async throws {
        try await QuestionRows.recordRevisions(try await QuestionRows.originals(of: [question], db), db)
    }

    /// Moves the question to `revision`; a change of content needs the reviewers again.
    /// A question out of review (or deleted) also leaves the forms of open tryouts.
    static func advance(_ id: UUID, to revision: Int, unreviewed: Bool, at timestamp: Date, _ db: any SQLDatabase) async throws {
        let review: SQLQueryString = unreviewed
            ? ", is_reviewed = \(bind: false), reviewer_1_name = NULL, reviewer_2_name = NULL, reviewer_1_notes = NULL, reviewer_2_notes = NULL"
            : ""
        try await db.raw("UPDATE questions SET revision = \(bind: revision)\(review) WHERE id = \(bind: id)").run()
        try await TryoutForms.withdrawOutOfService([id], at: timestamp, db)
    }
}
