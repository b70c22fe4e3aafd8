import Foundation
import GentaCore
import SQLKit

/// The content team's passages: listed per bank, written, edited and deleted one at a time, as
/// imports write them. A passage's content is part of its questions' content, so changing it
/// gives each live question about it a new revision that needs the reviewers again.
public struct PassageEditor: Sendable {
    let database: any Database
    let now: @Sendable () -> Date

    public init(database: any Database, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.now = now
    }

    /// The bank's live passages by key.
    public func passages(bankID: UUID, limit: Int, offset: Int) async throws -> [StaffPassage] {
        try await database.withConnection { db in
            try await BankQueries.requireLive(bankID, db)
            return try await db.raw("""
                SELECT \(Self.columns) FROM passages p WHERE p.question_bank_id = \(bind: bankID) AND p.deleted_at IS NULL
                ORDER BY p.external_key LIMIT \(bind: limit) OFFSET \(bind: offset)
                """).all().map(Self.decode)
        }
    }

    public func passage(_ id: UUID) async throws -> StaffPassage {
        try await database.withConnection { db in try await Self.load(id, db) }
    }

    public func create(_ draft: PassageDraft, bankID: UUID) async throws -> StaffPassage {
        try await database.transaction { db in
            let timestamp = now()
            try await BankQueries.requireLive(bankID, db)
            try await Self.requireFreeKey(draft.key, bankID: bankID, except: nil, db)
            let id = UUID()
            try await db.raw("""
                INSERT INTO passages (id, question_bank_id, external_key, section, title, text, data_table, figure_reference,
                    created_at, updated_at)
                VALUES (\(bind: id), \(bind: bankID), \(bind: draft.key), \(bind: draft.section.rawValue), \(bind: draft.title),
                    \(bind: draft.text), \(bind: try draft.table.map(StoredJSON.encode)), \(bind: draft.figureReference),
                    \(bind: timestamp), \(bind: timestamp))
                """).run()
            return try await Self.load(id, db)
        }
    }

    /// Replaces the passage; its live questions get a new revision awaiting review. Nothing
    /// changes for an identical draft.
    public func update(_ id: UUID, to draft: PassageDraft, by staff: UUID) async throws -> StaffPassage {
        try await database.transaction { db in
            let timestamp = now()
            let current = try await Self.load(id, db)
            guard current.deletedAt == nil else { throw Self.deleted }
            guard draft != current.draft else { return current }
            try await Self.requireFreeKey(draft.key, bankID: current.bankID, except: id, db)
            if draft.section != current.draft.section, current.questions > 0 {
                throw AppError(.unprocessable, code: "passage_section_mismatch",
                    message: "Questions of \(current.draft.section.rawValue) are about this passage; it cannot move to another subtest.",
                    details: ["field": "section"])
            }
            try await ContentImport.updatePassage(id, draft, at: timestamp, db)
            if draft.withKey(current.draft.key) != current.draft {
                try await Self.reviseQuestions(onPassage: id, key: draft.key, by: staff, at: timestamp, db)
            }
            return try await Self.load(id, db)
        }
    }

    /// Soft-deletes a passage no live question is about.
    public func delete(_ id: UUID) async throws {
        try await database.transaction { db in
            let current = try await Self.load(id, db)
            guard current.deletedAt == nil else { return }
            guard current.questions == 0 else {
                throw AppError(.conflict, code: "passage_in_use",
                    message: "\(current.questions) question(s) are about this passage; delete or move them first.")
            }
            try await db.raw("UPDATE passages SET deleted_at = \(bind: now()), updated_at = \(bind: now()) WHERE id = \(bind: id)").run()
        }
    }

    // MARK: Steps inside a transaction

    static let notFound = AppError(.notFound, code: "passage_not_found", message: "No passage has that id.")
    static let deleted = AppError(.conflict, code: "passage_deleted", message: "This passage is deleted.")

    static let columns: SQLQueryString = """
        p.id, p.question_bank_id, p.external_key, p.section, p.title, p.text, p.data_table, p.figure_reference,
        p.created_at, p.updated_at, p.deleted_at,
        (SELECT COUNT(*) FROM questions q WHERE q.passage_id = p.id AND q.deleted_at IS NULL) AS question_count
        """

    static func load(_ id: UUID, _ db: any SQLDatabase) async throws -> StaffPassage {
        guard let row = try await db.raw("SELECT \(columns) FROM passages p WHERE p.id = \(bind: id)").first() else { throw notFound }
        return try decode(row)
    }

    static func decode(_ row: any SQLRow) throws -> StaffPassage {
        StaffPassage(
            id: try row.decode(column: "id", as: UUID.self), bankID: try row.decode(column: "question_bank_id", as: UUID.self),
            draft: try PassageDraftRow.decode(row), questions: try row.decode(column: "question_count", as: Int.self),
            createdAt: try row.decode(column: "created_at", as: Date.self), updatedAt: try row.decode(column: "updated_at", as: Date.self),
            deletedAt: try row.decode(column: "deleted_at", as: Date?.self))
    }

    static func requireFreeKey(_ key: String, bankID: UUID, except id: UUID?, _ db: any SQLDatabase) async throws {
        guard let row = try await db.raw("""
            SELECT id FROM passages WHERE question_bank_id = \(bind: bankID) AND external_key = \(bind: key)
            """).first(), try row.decode(column: "id", as: UUID.self) != id
        else { return }
        throw AppError(.conflict, code: "duplicate_passage_key", message: "This bank already has a passage \"\(key)\".",
            details: ["field": "key"])
    }

    /// Each live question about the passage (but those in `revised`, already given a revision
    /// in the same change) gets a new revision — its own content unchanged, its passage's changed
    /// — and leaves practice and open tryouts until reviewed again.
    static func reviseQuestions(
        onPassage id: UUID, key: String, by staff: UUID?, except revised: Set<UUID> = [], at timestamp: Date, _ db: any SQLDatabase
    ) async throws {
        let questions = try await db.raw("""
            SELECT \(StaffQuestionRow.columns) FROM \(StaffQuestionRow.from) WHERE q.passage_id = \(bind: id) AND q.deleted_at IS NULL
            """).all().map(StaffQuestionRow.decode).filter { !revised.contains($0.id) }
        var entries = try await QuestionRows.originals(of: questions, db)
        for question in questions {
            try await QuestionEditor.advance(question.id, to: question.revision + 1, unreviewed: true, at: timestamp, db)
            entries.append(.init(
                questionID: question.id, number: question.revision + 1, draft: question.draft, change: .edited, staff: staff,
                note: "passage \(key) changed", at: timestamp))
        }
        try await QuestionRows.recordRevisions(entries, db)
    }
}

extension PassageDraft {
    func withKey(_ key: String) -> PassageDraft {
        var copy = self
        copy.key = key
        return copy
    }
}
