import Foundation
import GentaCore
import SQLKit

/// Question banks for the content team: create, list, read, rename, soft-delete.
public struct BankQueries: Sendable {
    let database: any Database
    let now: @Sendable () -> Date

    public init(database: any Database, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.now = now
    }

    public func create(_ metadata: BankMetadata) async throws -> StaffBank {
        try await database.transaction { db in
            let id = UUID(), timestamp = now()
            try await db.raw("""
                INSERT INTO question_banks (id, name, description, source, created_at, updated_at)
                VALUES (\(bind: id), \(bind: metadata.name), \(bind: metadata.description), \(bind: metadata.source),
                    \(bind: timestamp), \(bind: timestamp))
                """).run()
            return try await Self.load(id, db)
        }
    }

    /// The oldest live bank named `name`.
    public func id(named name: String) async throws -> UUID? {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT id FROM question_banks WHERE name = \(bind: name) AND deleted_at IS NULL ORDER BY created_at LIMIT 1
                """).first()?.decode(column: "id", as: UUID.self)
        }
    }

    /// The bank named `name` (live), or a new one with that name: the CLI's `--bank NAME`.
    public func named(_ name: String, source: String) async throws -> (bank: StaffBank, created: Bool) {
        if let existing = try await id(named: name) { return (try await bank(existing), false) }
        return (try await create(BankMetadata(name: name, description: nil, source: source)), true)
    }

    public func bank(_ id: UUID) async throws -> StaffBank {
        try await database.withConnection { db in try await Self.load(id, db) }
    }

    /// Live banks, newest first, a page at a time.
    public func list(limit: Int, offset: Int) async throws -> [StaffBank] {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT \(Self.columns) FROM question_banks WHERE deleted_at IS NULL
                ORDER BY created_at DESC, id LIMIT \(bind: limit) OFFSET \(bind: offset)
                """).all().map(Self.decode)
        }
    }

    public func update(_ id: UUID, _ metadata: BankMetadata) async throws -> StaffBank {
        try await database.transaction { db in
            try await Self.requireLive(id, db)
            try await db.raw("""
                UPDATE question_banks SET name = \(bind: metadata.name), description = \(bind: metadata.description),
                    source = \(bind: metadata.source), updated_at = \(bind: now())
                WHERE id = \(bind: id)
                """).run()
            return try await Self.load(id, db)
        }
    }

    /// Soft-deletes the bank and, with it, its live questions — each recorded as a revision by
    /// `staff` — in one transaction.
    public func delete(_ id: UUID, by staff: UUID) async throws {
        try await database.transaction { db in
            let timestamp = now()
            try await Self.requireLive(id, db)
            let questions = try await db.raw("""
                SELECT \(StaffQuestionRow.columns) FROM \(StaffQuestionRow.from)
                WHERE q.question_bank_id = \(bind: id) AND q.deleted_at IS NULL
                """).all().map(StaffQuestionRow.decode)
            var entries = try await QuestionRows.originals(of: questions, db)
            entries += questions.map {
                QuestionRows.RevisionEntry(
                    questionID: $0.id, number: $0.revision + 1, draft: $0.draft, change: .deleted, staff: staff, note: "bank deleted",
                    at: timestamp)
            }
            try await QuestionRows.recordRevisions(entries, db)
            try await db.raw("""
                UPDATE questions SET deleted_at = \(bind: timestamp), revision = revision + 1, updated_at = \(bind: timestamp)
                WHERE question_bank_id = \(bind: id) AND deleted_at IS NULL
                """).run()
            try await db.raw("UPDATE question_banks SET deleted_at = \(bind: timestamp) WHERE id = \(bind: id)").run()
            try await TryoutForms.withdrawOutOfService(questions.map(\.id), at: timestamp, db)
            try await QuestionRows.refreshCounters(bankID: id, at: timestamp, db)
        }
    }

    static let notFound = AppError(.notFound, code: "bank_not_found", message: "No question bank has that id.")

    static func requireLive(_ id: UUID, _ db: any SQLDatabase) async throws {
        guard try await db.raw("SELECT 1 AS live FROM question_banks WHERE id = \(bind: id) AND deleted_at IS NULL").first() != nil
        else { throw notFound }
    }

    static let columns: SQLQueryString = """
        id, name, description, source, questions_pu, questions_ppu, questions_pbm, questions_pk, questions_lbi,
        questions_lbe, questions_pm, is_reviewed, is_calibrated, created_at, updated_at
        """

    static func load(_ id: UUID, _ db: any SQLDatabase) async throws -> StaffBank {
        guard let row = try await db.raw("""
            SELECT \(columns) FROM question_banks WHERE id = \(bind: id) AND deleted_at IS NULL
            """).first()
        else { throw notFound }
        return try decode(row)
    }

    static func decode(_ row: any SQLRow) throws -> StaffBank {
        var counts: [Section: Int] = [:]
        for section in Section.allCases {
            counts[section] = try row.decode(column: "questions_\(section.rawValue.lowercased())", as: Int.self)
        }
        return StaffBank(
            id: try row.decode(column: "id", as: UUID.self),
            metadata: BankMetadata(
                name: try row.decode(column: "name", as: String.self),
                description: try row.decode(column: "description", as: String?.self),
                source: try row.decode(column: "source", as: String?.self) ?? ""),
            questionsPerSection: counts,
            isReviewed: try row.decode(column: "is_reviewed", as: Bool.self),
            isCalibrated: try row.decode(column: "is_calibrated", as: Bool.self),
            createdAt: try row.decode(column: "created_at", as: Date.self),
            updatedAt: try row.decode(column: "updated_at", as: Date.self))
    }
}
