import Foundation
import GentaCore
import SQLKit

/// A student's sittings: start, the server's clock, saved answers, scores and review.
///
/// Every call runs in one transaction that first brings the sitting's clock up to now
/// (`SittingRecord.load`), so a block whose time is up is closed before anything else is
/// decided, and a sitting whose last block closed is scored by whichever call sees it first.
public struct TryoutSittingQueries: Sendable {
    let database: any Database
    let clock: WallClock
    let practice: PracticeSettings
    let tryouts: TryoutSettings

    public init(database: any Database, clock: WallClock, practice: PracticeSettings, tryouts: TryoutSettings) {
        self.database = database
        self.clock = clock
        self.practice = practice
        self.tryouts = tryouts
    }

    /// Starts the student's sitting of an open event: the first block's clock starts now.
    public func start(eventID: UUID, user: UserAccount) async throws -> SittingState {
        do {
            return try await database.transaction { db in
                let now = clock.now()
                if db.dialect.name == "postgresql" {
                    // One student's starts one at a time, so the monthly count below is exact.
                    try await db.raw("SELECT id FROM users WHERE id = \(bind: user.id) FOR UPDATE").run()
                }
                let event = try await TryoutEventQueries.read(eventID, db)
                if let existing = try await db.raw("""
                    SELECT id FROM tryout_sittings WHERE event_id = \(bind: eventID) AND user_id = \(bind: user.id)
                    """).first() {
                    throw Self.alreadySitting(try existing.decode(column: "id", as: UUID.self))
                }
                guard event.isOpen(at: now) else {
                    throw AppError(.conflict, code: "tryout_not_open",
                        message: "\(event.name) can be sat from \(Self.iso(event.opensAt)) until \(Self.iso(event.closesAt)).")
                }
                try await requireMonthlyRoom(user: user, now: now, db)
                let id = UUID()
                let timeline = SittingTimeline.starting(event.blocks, at: now)
                try await db.raw("""
                    INSERT INTO tryout_sittings (id, event_id, user_id, started_at)
                    VALUES (\(bind: id), \(bind: eventID), \(bind: user.id), \(bind: now))
                    """).run()
                let rows = timeline.times.enumerated().map { position, times -> SQLQueryString in
                    "(\(bind: id), \(bind: position), \(bind: times.startedAt), \(bind: times.deadline))"
                }
                try await db.raw("""
                    INSERT INTO tryout_sitting_blocks (sitting_id, position, started_at, deadline)
                    VALUES \(rows.joined(separator: ", "))
                    """).run()
                return SittingState(
                    id: id, event: event, startedAt: now, finishedAt: nil, timeline: timeline, answeredPerBlock: [:], result: nil)
            }
        } catch where isUniqueViolation(error) {
            // Two starts raced past the check: the other one won.
            let existing = try await database.withConnection { db in
                try await db.raw("SELECT id FROM tryout_sittings WHERE event_id = \(bind: eventID) AND user_id = \(bind: user.id)")
                    .first()?.decode(column: "id", as: UUID.self)
            }
            throw Self.alreadySitting(existing)
        }
    }

    /// The sitting as the server's clock has it now; scored once its last block has closed.
    public func state(sittingID: UUID, userID: UUID) async throws -> SittingState {
        try await database.transaction { db in
            let record = try await settled(sittingID, userID: userID, db)
            return try await state(of: record, db)
        }
    }

    /// Ends the open block before its time is up; the next block's clock starts now.
    public func finishBlock(sittingID: UUID, position: Int, userID: UUID) async throws -> SittingState {
        try await database.transaction { db in
            let now = clock.now()
            var record = try await SittingRecord.load(sittingID, userID: userID, now: now, db)
            try Self.requireOpen(position, in: record)
            let before = record.timeline
            record.timeline.finishCurrent(at: now)
            try await record.save(changedFrom: before, db)
            record = try await scoreIfOver(record, db)
            return try await state(of: record, db)
        }
    }

    /// Brings up to `limit` sittings whose open block's time has run out up to date: their
    /// blocks close, and those whose last block closed are scored, with nobody there to ask.
    /// Returns how many were scored; run it again while it finds more.
    public func closeExpired(limit: Int = 200) async throws -> Int {
        let now = clock.now()
        let candidates = try await database.withConnection { db in
            try await db.raw("""
                SELECT DISTINCT s.id, s.started_at FROM tryout_sittings s
                JOIN tryout_sitting_blocks b ON b.sitting_id = s.id AND b.ended_at IS NULL AND b.deadline <= \(bind: now)
                WHERE s.finished_at IS NULL
                ORDER BY s.started_at LIMIT \(bind: limit)
                """).all().map { try $0.decode(column: "id", as: UUID.self) }
        }
        var scored = 0
        for id in candidates {
            let finished = try await database.transaction { db in
                let record = try await settled(id, userID: nil, db)
                return record.finishedAt != nil
            }
            if finished { scored += 1 }
        }
        return scored
    }

    // MARK: - Shared steps

    /// Loads the sitting with its clock brought to now and scores it if that ended it.
    func settled(_ id: UUID, userID: UUID?, _ db: any SQLDatabase) async throws -> SittingRecord {
        let record = try await SittingRecord.load(id, userID: userID, now: clock.now(), db)
        return try await scoreIfOver(record, db)
    }

    private func scoreIfOver(_ record: SittingRecord, _ db: any SQLDatabase) async throws -> SittingRecord {
        guard record.timeline.isOver, record.finishedAt == nil else { return record }
        try await TryoutScorer(settings: practice).score(record, db)
        var scored = record
        scored.finishedAt = record.timeline.times.compactMap(\.endedAt).max()
        return scored
    }

    func state(of record: SittingRecord, _ db: any SQLDatabase) async throws -> SittingState {
        SittingState(
            id: record.id, event: record.event, startedAt: record.startedAt, finishedAt: record.finishedAt,
            timeline: record.timeline, answeredPerBlock: try await record.answeredPerBlock(db),
            result: record.finishedAt == nil ? nil : try await TryoutResults(settings: tryouts).result(of: record, db))
    }

    static func requireOpen(_ position: Int, in record: SittingRecord) throws {
        guard record.timeline.blocks.indices.contains(position) else {
            throw AppError(.notFound, code: "block_not_found", message: "This tryout has no block \(position).")
        }
        guard let current = record.timeline.current else {
            throw AppError(.conflict, code: "sitting_finished", message: "This tryout is over; its answers can no longer change.")
        }
        if position < current {
            throw AppError(.conflict, code: "block_closed",
                message: "\(record.timeline.blocks[position].name) is closed: its time is up or it was finished, and it cannot be reopened.")
        }
        if position > current {
            throw AppError(.conflict, code: "block_not_started",
                message: "\(record.timeline.blocks[position].name) has not started; the open block is \(record.timeline.blocks[current].name).")
        }
    }

    private func requireMonthlyRoom(user: UserAccount, now: Date, _ db: any SQLDatabase) async throws {
        let tier = user.tier(at: now)
        let limit = tryouts.monthlySittings(for: tier)
        let monthStart = PracticeDay.monthStart(of: now)
        let started = try await db.raw("""
            SELECT COUNT(*) AS n FROM tryout_sittings WHERE user_id = \(bind: user.id) AND started_at >= \(bind: monthStart)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        guard started >= limit else { return }
        let reset = PracticeDay.nextMonthStart(after: now)
        throw AppError(.tooManyRequests, code: "tryout_limit_reached",
            message: "Your plan includes \(limit) tryouts a month and you have started them all; the count resets on \(Self.iso(reset)) (the 1st, 00:00 WIB)."
                + (tier == .free ? " Premium plans include more." : ""),
            details: ["resets_at": Self.iso(reset), "limit": String(limit)],
            retryAfterSeconds: Bounded.integer(reset.timeIntervalSince(now), in: 1...(32 * 86_400)) ?? 1)
    }

    private static func alreadySitting(_ id: UUID?) -> AppError {
        AppError(.conflict, code: "sitting_exists",
            message: "You already have a sitting of this tryout; resume it instead of starting another.",
            details: id.map { ["sitting_id": $0.uuidString.lowercased()] } ?? [:])
    }

    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
