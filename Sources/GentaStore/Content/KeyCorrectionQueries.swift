import Foundation
import GentaCore
import SQLKit

/// Reading key corrections (for staff) and the notices they leave students.
public struct KeyCorrectionQueries: Sendable {
    let database: any Database
    let now: @Sendable () -> Date

    public init(database: any Database, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.now = now
    }

    static let columns: SQLQueryString = """
        id, question_id, from_revision, to_revision, old_key, new_key, corrected_by, note, attempts_regraded,
        students_total, students_done, status, created_at, finished_at
        """

    /// Newest first; of one question when `questionID` is given.
    public func list(questionID: UUID?, limit: Int, offset: Int) async throws -> [KeyCorrection] {
        let filter: SQLQueryString = questionID.map { "WHERE question_id = \(bind: $0)" } ?? ""
        return try await database.withConnection { db in
            try await db.raw("""
                SELECT \(Self.columns) FROM key_corrections \(filter)
                ORDER BY created_at DESC, id LIMIT \(bind: limit) OFFSET \(bind: offset)
                """).all().map(Self.decode)
        }
    }

    public func correction(_ id: UUID) async throws -> KeyCorrection {
        try await database.withConnection { db in
            guard let row = try await db.raw("SELECT \(Self.columns) FROM key_corrections WHERE id = \(bind: id)").first() else {
                throw AppError(.notFound, code: "key_correction_not_found", message: "No key correction has that id.")
            }
            return try Self.decode(row)
        }
    }

    /// The student's notices not yet dismissed, newest first.
    public func unreadNotices(userID: UUID, limit: Int = 20) async throws -> [StudentNotice] {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT id, kind, question_id, correction_id, created_at FROM student_notices
                WHERE user_id = \(bind: userID) AND read_at IS NULL ORDER BY created_at DESC, id LIMIT \(bind: limit)
                """).all().map { row in
                StudentNotice(
                    id: try row.decode(column: "id", as: UUID.self),
                    kind: StudentNotice.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .keyCorrection,
                    questionID: try row.decode(column: "question_id", as: UUID?.self),
                    correctionID: try row.decode(column: "correction_id", as: UUID?.self),
                    createdAt: try row.decode(column: "created_at", as: Date.self))
            }
        }
    }

    /// Dismisses one of the student's notices; another student's notice does not exist for them.
    public func dismiss(_ id: UUID, userID: UUID) async throws {
        try await database.transaction { db in
            guard try await db.raw("""
                SELECT id FROM student_notices WHERE id = \(bind: id) AND user_id = \(bind: userID)
                """).first() != nil
            else { throw AppError(.notFound, code: "notice_not_found", message: "You have no notice with this id.") }
            try await db.raw("""
                UPDATE student_notices SET read_at = \(bind: now()) WHERE id = \(bind: id) AND read_at IS NULL
                """).run()
        }
    }

    static func decode(_ row: any SQLRow) throws -> KeyCorrection {
        KeyCorrection(
            id: try row.decode(column: "id", as: UUID.self), questionID: try row.decode(column: "question_id", as: UUID.self),
            fromRevision: try row.decode(column: "from_revision", as: Int.self), toRevision: try row.decode(column: "to_revision", as: Int.self),
            oldKey: try row.decode(column: "old_key", as: String.self), newKey: try row.decode(column: "new_key", as: String.self),
            correctedBy: try row.decode(column: "corrected_by", as: UUID?.self), note: try row.decode(column: "note", as: String?.self),
            attemptsRegraded: try row.decode(column: "attempts_regraded", as: Int.self),
            studentsTotal: try row.decode(column: "students_total", as: Int.self),
            studentsDone: try row.decode(column: "students_done", as: Int.self),
            status: KeyCorrection.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .replaying,
            createdAt: try row.decode(column: "created_at", as: Date.self), finishedAt: try row.decode(column: "finished_at", as: Date?.self))
    }
}
