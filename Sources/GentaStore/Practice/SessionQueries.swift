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

    /// Seed Query 7b: sessions newest first, one page and the cursor of the next (nil on the
    /// last page). The cursor names the last session shown and the store compares with that
    /// row's own start, so paging is exact and cheap however deep it goes. `offset` only serves
    /// clients written before cursors existed (docs/PRACTICE.md).
    public func list(userID: UUID, limit: Int, after: PageCursor? = nil, offset: Int = 0) async throws
        -> (sessions: [StudySession], next: PageCursor?)
    {
        var conditions: [SQLQueryString] = ["user_id = \(bind: userID)"]
        if let after {
            conditions.append("""
                (started_at, id) < (SELECT c.started_at, c.id FROM user_study_sessions c
                                    WHERE c.id = \(bind: after.sessionID) AND c.user_id = \(bind: userID))
                """)
        }
        let whereClause = conditions.joined(separator: " AND ")
        let rows = try await database.withConnection { db in
            if let after {
                try await Self.requireOwnSession(after.sessionID, userID: userID, db)
            }
            return try await db.raw("""
                SELECT \(SessionRow.columns) FROM user_study_sessions
                WHERE \(whereClause)
                ORDER BY started_at DESC, id DESC
                LIMIT \(bind: limit + 1) OFFSET \(bind: offset)
                """).all()
        }
        let sessions = try rows.prefix(limit).map(SessionRow.decode)
        let next = rows.count > limit ? sessions.last.flatMap { UUID(uuidString: $0.id) }.map(PageCursor.init(lastID:)) : nil
        return (sessions, next)
    }

    public func find(userID: UUID, sessionID: String) async throws -> StudySession {
        try await database.withConnection { db in try await SessionRow.find(userID: userID, sessionID: sessionID, db) }
    }

    /// Ends a session; ending it twice is a conflict, not a silent success, so a client learns
    /// that its view was stale.
    ///
    /// The end is one conditional UPDATE (`ended_at IS NULL`): of two simultaneous requests,
    /// PostgreSQL lets the second wait for the first's row lock and then re-checks the
    /// condition, so exactly one of them ends the session and the other gets 409. The read
    /// before it only tells "not yours" (404) from "already ended" early; `started_at` never
    /// changes, so computing the duration from it needs no lock.
    public func end(userID: UUID, sessionID: String) async throws -> StudySession {
        let now = clock.now()
        return try await database.withConnection { db in
            let session = try await SessionRow.find(userID: userID, sessionID: sessionID, db)
            guard session.endedAt == nil else { throw Self.alreadyEnded }
            // Another instance's clock may run a little behind the one that started the session.
            let endedAt = max(now, session.startedAt)
            let minutes = Int((endedAt.timeIntervalSince(session.startedAt) / 60).rounded())
            guard let row = try await db.raw("""
                UPDATE user_study_sessions SET ended_at = \(bind: endedAt),
                    duration_minutes = \(bind: min(minutes, Int(Int16.max))), updated_at = \(bind: now)
                WHERE id = \(bind: sessionID) AND user_id = \(bind: userID) AND ended_at IS NULL
                RETURNING \(SessionRow.columns)
                """).first()
            else { throw Self.alreadyEnded }
            return try SessionRow.decode(row)
        }
    }

    static let alreadyEnded = AppError(.conflict, code: "session_ended", message: "This session has already ended.")

    /// A cursor must name a row of the caller's own: anything else is a 400, not an empty page.
    static func requireOwnSession(_ sessionID: String, userID: UUID, _ db: any SQLDatabase) async throws {
        guard try await db.raw("""
            SELECT 1 AS mine FROM user_study_sessions WHERE id = \(bind: sessionID) AND user_id = \(bind: userID)
            """).first() != nil
        else { throw PageCursor.notFound }
    }
}

extension PageCursor {
    /// The cursor as a session id (sessions are keyed by lower-case UUID text).
    var sessionID: String { lastID.uuidString.lowercased() }
}
