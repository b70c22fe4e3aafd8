import Foundation
import GentaCore
import SQLKit

/// Study sessions of one user. Every query is scoped by the owner: another user's session
/// id is simply not found.
public struct SessionQueries: Sendable {
    let database: any Database
    let clock: WallClock

    public init(database: any Database, clock: WallClock) {
        self.database = database
        self.clock = clock
    }

    public func start(userID: UUID, section: Section?) async throws -> StudySession {
        let now = clock.now()
        let id = UUID().uuidString.lowercased()
        try await database.withConnection { db in
            try await db.raw("""
                INSERT INTO user_study_sessions (id, user_id, started_at, section, created_at, updated_at)
                VALUES (\(bind: id), \(bind: userID), \(bind: now), \(bind: section?.rawValue), \(bind: now), \(bind: now))
                """).run()
        }
        return StudySession(
            id: id, section: section, startedAt: now, endedAt: nil, durationMinutes: nil,
            questionsAttempted: 0, questionsCorrect: 0, accuracy: nil)
    }

    /// Seed Query 7b: sessions newest first.
    public func list(userID: UUID, limit: Int, offset: Int) async throws -> [StudySession] {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT \(SessionRow.columns) FROM user_study_sessions
                WHERE user_id = \(bind: userID)
                ORDER BY started_at DESC, id DESC
                LIMIT \(bind: limit) OFFSET \(bind: offset)
                """).all().map(SessionRow.decode)
        }
    }

    public func find(userID: UUID, sessionID: String) async throws -> StudySession {
        try await database.withConnection { db in try await SessionRow.find(userID: userID, sessionID: sessionID, db) }
    }

    /// Ends a session; ending it twice is a conflict, not a silent success, so a client learns
    /// that its view was stale.
    public func end(userID: UUID, sessionID: String) async throws -> StudySession {
        let now = clock.now()
        return try await database.transaction { db in
            let session = try await SessionRow.find(userID: userID, sessionID: sessionID, db)
            guard session.endedAt == nil else {
                throw AppError(.conflict, code: "session_ended", message: "This session has already ended.")
            }
            let minutes = max(0, Int((now.timeIntervalSince(session.startedAt) / 60).rounded()))
            try await db.raw("""
                UPDATE user_study_sessions SET ended_at = \(bind: now), duration_minutes = \(bind: min(minutes, Int(Int16.max))),
                    updated_at = \(bind: now)
                WHERE id = \(bind: sessionID) AND user_id = \(bind: userID)
                """).run()
            return try await SessionRow.find(userID: userID, sessionID: sessionID, db)
        }
    }

    /// Seed Query 4, per answer; correct answers are shown because these were answered.
    public func statistics(userID: UUID, sessionID: String) async throws -> SessionStatistics {
        try await database.withConnection { db in
            let session = try await SessionRow.find(userID: userID, sessionID: sessionID, db)
            let rows = try await db.raw("""
                SELECT a.id, a.question_id, q.section, a.selected_answer, q.correct_answer, a.is_correct,
                       a.time_spent_seconds, a.attempt_number_in_session
                FROM attempts a JOIN questions q ON q.id = a.question_id
                WHERE a.user_id = \(bind: userID) AND a.session_id = \(bind: sessionID) AND a.deleted_at IS NULL
                ORDER BY a.attempt_number_in_session
                """).all()
            let answers = try rows.map { row in
                SessionStatistics.Answer(
                    attemptID: try row.decode(column: "id", as: UUID.self),
                    questionID: try row.decode(column: "question_id", as: UUID.self),
                    section: try Section.decode(row, "section"),
                    selectedAnswer: try AnswerOption.decode(row, "selected_answer"),
                    correctAnswer: try AnswerOption.decode(row, "correct_answer"),
                    isCorrect: try row.decode(column: "is_correct", as: Bool.self),
                    timeSpentSeconds: try row.decode(column: "time_spent_seconds", as: Int.self),
                    attemptNumber: try row.decode(column: "attempt_number_in_session", as: Int.self))
            }
            return SessionStatistics(session: session, answers: answers)
        }
    }
}

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
