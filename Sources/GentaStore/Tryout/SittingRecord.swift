import Foundation
import GentaCore
import SQLKit

/// A sitting as stored, locked for the caller's transaction, with its clock brought up to now.
struct SittingRecord {
    var id: UUID
    var userID: UUID
    var event: TryoutEvent
    var startedAt: Date
    var finishedAt: Date?
    var timeline: SittingTimeline

    /// Reads the student's sitting (404 for anyone else's: another student's sitting does not
    /// exist for them), locks it on PostgreSQL so its answers and its clock change one request
    /// at a time, and closes whatever blocks' time is up.
    static func load(_ id: UUID, userID: UUID?, now: Date, _ db: any SQLDatabase) async throws -> SittingRecord {
        let lock: SQLQueryString = db.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        let owner: SQLQueryString = userID.map { "AND user_id = \(bind: $0)" } ?? ""
        guard let row = try await db.raw("""
            SELECT id, user_id, event_id, started_at, finished_at FROM tryout_sittings WHERE id = \(bind: id) \(owner)\(lock)
            """).first()
        else { throw AppError(.notFound, code: "sitting_not_found", message: "You have no tryout sitting with this id.") }
        let event = try await TryoutEventQueries.read(try row.decode(column: "event_id", as: UUID.self), db)
        let stored = try await db.raw("""
            SELECT position, started_at, deadline, ended_at, end_reason FROM tryout_sitting_blocks
            WHERE sitting_id = \(bind: id) ORDER BY position
            """).all()
        var times = event.blocks.map { _ in BlockTimes() }
        for block in stored {
            let position = try block.decode(column: "position", as: Int.self)
            guard times.indices.contains(position) else { continue }
            times[position] = BlockTimes(
                startedAt: try block.decode(column: "started_at", as: Date?.self),
                deadline: try block.decode(column: "deadline", as: Date?.self),
                endedAt: try block.decode(column: "ended_at", as: Date?.self),
                endReason: try block.decode(column: "end_reason", as: String?.self).flatMap(BlockEndReason.init(rawValue:)))
        }
        var record = SittingRecord(
            id: id, userID: try row.decode(column: "user_id", as: UUID.self), event: event,
            startedAt: try row.decode(column: "started_at", as: Date.self),
            finishedAt: try row.decode(column: "finished_at", as: Date?.self),
            timeline: SittingTimeline(blocks: event.blocks, times: times))
        let before = record.timeline
        record.timeline.advance(to: now)
        try await record.save(changedFrom: before, db)
        return record
    }

    /// Writes the blocks whose times changed since `before`.
    func save(changedFrom before: SittingTimeline, _ db: any SQLDatabase) async throws {
        for (position, times) in timeline.times.enumerated() where times != before.times[position] {
            try await db.raw("""
                UPDATE tryout_sitting_blocks SET started_at = \(bind: times.startedAt), deadline = \(bind: times.deadline),
                    ended_at = \(bind: times.endedAt), end_reason = \(bind: times.endReason?.rawValue)
                WHERE sitting_id = \(bind: id) AND position = \(bind: position)
                """).run()
        }
    }

    /// Questions with a saved answer, per block.
    func answeredPerBlock(_ db: any SQLDatabase) async throws -> [Int: Int] {
        var counts: [Int: Int] = [:]
        for row in try await db.raw("""
            SELECT block_position, COUNT(*) AS answered FROM tryout_answers
            WHERE sitting_id = \(bind: id) AND (selected_answer IS NOT NULL OR response IS NOT NULL)
              AND question_id NOT IN (SELECT question_id FROM tryout_form_items
                                      WHERE event_id = \(bind: event.id) AND withdrawn_at IS NOT NULL)
            GROUP BY block_position
            """).all() {
            counts[try row.decode(column: "block_position", as: Int.self)] = try row.decode(column: "answered", as: Int.self)
        }
        return counts
    }
}
