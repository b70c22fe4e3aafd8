import Foundation
import GentaCore
import SQLKit

/// A student's own answered questions, newest first, with the question and its key.
public struct HistoryQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public struct Filter: Sendable {
        public var section: Section?
        /// The question's sub type (as the bank writes it, e.g. `pola_bilangan`).
        public var subType: String?
        public var isCorrect: Bool?
        public var limit: Int
        public var after: PageCursor?

        public init(section: Section? = nil, subType: String? = nil, isCorrect: Bool? = nil, limit: Int = 20, after: PageCursor? = nil) {
            self.section = section
            self.subType = subType
            self.isCorrect = isCorrect
            self.limit = limit
            self.after = after
        }
    }

    /// One page and the cursor of the next (nil on the last page).
    public func page(userID: UUID, _ filter: Filter) async throws -> (entries: [HistoryEntry], next: PageCursor?) {
        var conditions: [SQLQueryString] = ["a.user_id = \(bind: userID)", "a.deleted_at IS NULL"]
        if let section = filter.section { conditions.append("a.section = \(bind: section.rawValue)") }
        if let subType = filter.subType { conditions.append("q.sub_type = \(bind: subType)") }
        if let isCorrect = filter.isCorrect { conditions.append("a.is_correct = \(bind: isCorrect)") }
        if let after = filter.after {
            conditions.append("""
                (a.created_at, a.id) < (SELECT c.created_at, c.id FROM attempts c
                                        WHERE c.id = \(bind: after.lastID) AND c.user_id = \(bind: userID))
                """)
        }
        let whereClause = conditions.joined(separator: " AND ")
        let rows = try await database.withConnection { db in
            if let after = filter.after,
                try await db.raw("SELECT 1 AS mine FROM attempts WHERE id = \(bind: after.lastID) AND user_id = \(bind: userID)").first() == nil
            {
                throw PageCursor.notFound
            }
            return try await db.raw("""
                SELECT \(Self.columns)
                FROM attempts a JOIN questions q ON q.id = a.question_id
                LEFT JOIN passages p ON p.id = q.passage_id
                WHERE \(whereClause)
                ORDER BY a.created_at DESC, a.id DESC
                LIMIT \(bind: filter.limit + 1)
                """).all()
        }
        let entries = try rows.prefix(filter.limit).map(Self.decode)
        let next = rows.count > filter.limit ? entries.last.map { PageCursor(lastID: $0.attemptID) } : nil
        return (entries, next)
    }

    /// One of the student's own answers; nil when it is not theirs (or does not exist), so a
    /// stranger's attempt id says nothing.
    public func entry(attemptID: UUID, userID: UUID) async throws -> HistoryEntry? {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT \(Self.columns)
                FROM attempts a JOIN questions q ON q.id = a.question_id
                LEFT JOIN passages p ON p.id = q.passage_id
                WHERE a.id = \(bind: attemptID) AND a.user_id = \(bind: userID) AND a.deleted_at IS NULL
                """).first().map(Self.decode)
        }
    }

    /// The sub types of the questions the student has answered, per section, sorted: the
    /// choices of the mistake book's filter.
    public func subTypes(userID: UUID) async throws -> [(section: Section, subType: String)] {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT DISTINCT a.section, q.sub_type FROM attempts a JOIN questions q ON q.id = a.question_id
                WHERE a.user_id = \(bind: userID) AND a.deleted_at IS NULL AND q.sub_type IS NOT NULL
                ORDER BY a.section, q.sub_type
                """).all().map { (try Section.decode($0, "section"), try $0.decode(column: "sub_type", as: String.self)) }
        }
    }

    /// What ``decode(_:)`` reads, from `attempts a`, `questions q` and `passages p` (LEFT JOIN).
    static let columns: SQLQueryString = """
        a.id, a.question_id, a.section, q.sub_type, q.text, \(StoredContent.columns("q")), \(PassageColumns.select),
        a.selected_answer, a.response, a.is_correct, q.explanation, a.time_spent_seconds, a.created_at
        """

    static func decode(_ row: any SQLRow) throws -> HistoryEntry {
        let content = try StoredContent.decode(row)
        return HistoryEntry(
            attemptID: try row.decode(column: "id", as: UUID.self),
            questionID: try row.decode(column: "question_id", as: UUID.self),
            section: try Section.decode(row, "section"),
            subType: try row.decode(column: "sub_type", as: String?.self),
            questionText: try row.decode(column: "text", as: String.self),
            content: content,
            passage: try PassageColumns.decode(row),
            response: try StoredContent.response(row, for: content),
            isCorrect: try row.decode(column: "is_correct", as: Bool.self),
            explanation: try row.decode(column: "explanation", as: String?.self),
            timeSpentSeconds: try row.decode(column: "time_spent_seconds", as: Int.self),
            createdAt: try row.decode(column: "created_at", as: Date.self))
    }
}
