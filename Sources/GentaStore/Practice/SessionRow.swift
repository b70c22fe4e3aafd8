import Foundation
import GentaCore
import SQLKit

/// Reading `user_study_sessions` rows.
enum SessionRow {
    static let columns: SQLQueryString = """
        id, section, started_at, ended_at, duration_minutes, questions_attempted, questions_correct,
        accuracy_in_session
        """

    static func find(userID: UUID, sessionID: String, forUpdate: Bool = false, _ db: any SQLDatabase) async throws -> StudySession {
        let lock: SQLQueryString = forUpdate && db.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        guard let row = try await db.raw("""
            SELECT \(columns) FROM user_study_sessions
            WHERE id = \(bind: sessionID) AND user_id = \(bind: userID)\(lock)
            """).first()
        else {
            throw AppError(.notFound, code: "session_not_found", message: "No session \(sessionID) of yours exists.")
        }
        return try decode(row)
    }

    static func decode(_ row: any SQLRow) throws -> StudySession {
        StudySession(
            id: try row.decode(column: "id", as: String.self),
            section: try row.decode(column: "section", as: String?.self).flatMap(Section.init(rawValue:)),
            startedAt: try row.decode(column: "started_at", as: Date.self),
            endedAt: try row.decode(column: "ended_at", as: Date?.self),
            durationMinutes: try row.decode(column: "duration_minutes", as: Int?.self),
            questionsAttempted: try row.decode(column: "questions_attempted", as: Int.self),
            questionsCorrect: try row.decode(column: "questions_correct", as: Int.self),
            accuracy: try row.decodeOptionalDouble(column: "accuracy_in_session"))
    }
}

extension RawRepresentable where RawValue == String {
    /// Reads a column holding one of this type's raw values; anything else is corrupt data.
    static func decode(_ row: any SQLRow, _ column: String) throws -> Self {
        let raw = try row.decode(column: column, as: String.self)
        guard let value = Self(rawValue: raw.trimmingCharacters(in: .whitespaces)) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(column) holds unknown value \(raw)"))
        }
        return value
    }
}
