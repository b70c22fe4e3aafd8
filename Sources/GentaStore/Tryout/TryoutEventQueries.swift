import Foundation
import GentaCore
import SQLKit

/// Tryout events: their blocks, their form, and the list a student chooses from.
public struct TryoutEventQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Events whose window is open now, soonest closing first, each with the student's sitting.
    public func open(at now: Date, userID: UUID) async throws -> [TryoutListing] {
        try await database.withConnection { db in
            let rows = try await db.raw("""
                SELECT e.id, e.name, e.opens_at, e.closes_at, s.id AS sitting_id, s.finished_at
                FROM tryout_events e
                LEFT JOIN tryout_sittings s ON s.event_id = e.id AND s.user_id = \(bind: userID)
                WHERE e.opens_at <= \(bind: now) AND e.closes_at > \(bind: now)
                ORDER BY e.closes_at, e.id
                LIMIT 50
                """).all()
            var listings: [TryoutListing] = []
            for row in rows {
                let event = try await Self.event(row, db)
                listings.append(TryoutListing(
                    event: event, sittingID: try row.decode(column: "sitting_id", as: UUID?.self),
                    sittingFinished: try row.decode(column: "finished_at", as: Date?.self) != nil))
            }
            return listings
        }
    }

    static func read(_ id: UUID, _ db: any SQLDatabase) async throws -> TryoutEvent {
        guard let row = try await db.raw("""
            SELECT id, name, opens_at, closes_at FROM tryout_events WHERE id = \(bind: id)
            """).first()
        else { throw AppError(.notFound, code: "tryout_not_found", message: "There is no tryout with this id.") }
        return try await event(row, db)
    }

    private static func event(_ row: any SQLRow, _ db: any SQLDatabase) async throws -> TryoutEvent {
        let id = try row.decode(column: "id", as: UUID.self)
        return TryoutEvent(
            id: id, name: try row.decode(column: "name", as: String.self),
            opensAt: try row.decode(column: "opens_at", as: Date.self), closesAt: try row.decode(column: "closes_at", as: Date.self),
            blocks: try await blocks(eventID: id, db))
    }

    static func blocks(eventID: UUID, _ db: any SQLDatabase) async throws -> [TimedBlock] {
        try await db.raw("""
            SELECT position, section, part, name, question_count, seconds FROM tryout_event_blocks
            WHERE event_id = \(bind: eventID) ORDER BY position
            """).all().map { row in
            TimedBlock(
                position: try row.decode(column: "position", as: Int.self), section: try Section.decode(row, "section"),
                part: try row.decode(column: "part", as: Int?.self), name: try row.decode(column: "name", as: String.self),
                questions: try row.decode(column: "question_count", as: Int.self), seconds: try row.decode(column: "seconds", as: Int.self))
        }
    }
}
