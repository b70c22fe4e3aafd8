import Foundation
import GentaCore
import IRT
import SQLKit

/// The `refresh-readiness` job (seed Query 5, corrected): for every student who answered in the
/// trend window, the θ trend, weekly improvement and ready-by forecast of each section whose
/// stored trend is missing or out of date, computed as the dashboard computes them and stored
/// so the dashboard can read them instead.
///
/// Corrections to the seed: the ability is the latest posterior (kept by every answer), not the
/// mean of all past θ; accuracies are fractions; the forecast is the recency-weighted θ trend
/// against the student's own target, not "75 % accuracy"; attempts are joined on their own
/// section column; the job touches only rows that changed or aged.
public struct ReadinessRefresh: Sendable {
    let database: any Database
    let clock: WallClock
    let settings: PracticeSettings
    static let jobID = "refresh-readiness"

    public init(database: any Database, clock: WallClock, settings: PracticeSettings) {
        self.database = database
        self.clock = clock
        self.settings = settings
    }

    /// Refreshes `batchSize` students at a time (one transaction each) until none is due or
    /// `shouldStop` says so between batches; returns the sections refreshed and whether it
    /// finished. A run picks up where an interrupted one stopped: what is done is no longer due.
    public func run(batchSize: Int = 200, shouldStop: @Sendable () -> Bool = { false }) async throws -> (sections: Int, finished: Bool) {
        let now = clock.now()
        var after = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        var refreshed = 0
        while !shouldStop() {
            let cursor = after
            let batch = try await database.transaction { db in
                try await refreshBatch(after: cursor, limit: max(batchSize, 1), now: now, db)
            }
            refreshed += batch.sections
            guard let last = batch.lastUser else { return (refreshed, true) }
            after = last
        }
        return (refreshed, false)
    }

    /// Rows due: answered within the window (a section never answered has no trend to store:
    /// the dashboard's empty history costs nothing), and with no stored trend, one computed from fewer
    /// answers, for another target, or older than a day.
    private func due(_ now: Date) -> SQLQueryString {
        """
        r.total_attempts_count > 0 AND r.last_updated >= \(bind: ThetaHistory.windowStart(now)) AND u.deleted_at IS NULL
        AND (r.ready_by_status IS NULL OR r.trend_refreshed_at IS NULL
             OR r.trend_attempts_count IS NULL OR r.trend_attempts_count <> r.total_attempts_count
             OR r.trend_refreshed_at < \(bind: now.addingTimeInterval(-StoredTrendColumns.maximumAge))
             OR (r.trend_target_score IS NULL) <> (u.target_score IS NULL)
             OR r.trend_target_score <> u.target_score)
        """
    }

    private func refreshBatch(after cursor: UUID, limit: Int, now: Date, _ db: any SQLDatabase) async throws -> (sections: Int, lastUser: UUID?) {
        let users = try await db.raw("""
            SELECT DISTINCT r.user_id FROM user_readiness r JOIN users u ON u.id = r.user_id
            WHERE r.user_id > \(bind: cursor) AND \(due(now))
            ORDER BY r.user_id LIMIT \(bind: limit)
            """).all().map { try $0.decode(column: "user_id", as: UUID.self) }
        guard let last = users.last else { return (0, nil) }
        let ids = SQLList(users.map { SQLBind($0) })
        let rows = try await db.raw("""
            SELECT r.user_id, r.section, r.total_attempts_count, u.target_score
            FROM user_readiness r JOIN users u ON u.id = r.user_id
            WHERE r.user_id IN (\(ids)) AND \(due(now))
            """).all()
        let histories = try await self.histories(of: ids, now: now, db)
        var sections = 0
        for row in rows {
            let userID = try row.decode(column: "user_id", as: UUID.self)
            let section = try Section.decode(row, "section")
            let targetScore = try row.decode(column: "target_score", as: Int?.self)
            let trend = ReadinessTrend(
                history: histories[Key(userID: userID, section: section)] ?? [], targetScore: targetScore,
                now: now, scale: settings.scoreScale)
            sections += try await store(
                trend, userID: userID, section: section, targetScore: targetScore,
                answers: try row.decode(column: "total_attempts_count", as: Int.self), now: now, db)
        }
        return (sections, last)
    }

    private struct Key: Hashable {
        let userID: UUID
        let section: Section
    }

    /// Every section's history of the given students in one statement: the latest answers of
    /// the window, at most as many per section as the dashboard reads.
    private func histories(of ids: SQLList, now: Date, _ db: any SQLDatabase) async throws -> [Key: [ThetaObservation]] {
        let rows = try await db.raw("""
            SELECT user_id, section, user_theta_after, created_at FROM (
                SELECT user_id, section, user_theta_after, created_at,
                       ROW_NUMBER() OVER (PARTITION BY user_id, section ORDER BY created_at DESC, id DESC) AS recency
                FROM attempts
                WHERE user_id IN (\(ids)) AND deleted_at IS NULL AND is_pretest = \(bind: false)
                  AND created_at >= \(bind: ThetaHistory.windowStart(now))
            ) ranked
            WHERE recency <= \(bind: ReadinessTrend.historyLimit)
            """).all()
        var histories: [Key: [ThetaObservation]] = [:]
        for row in rows {
            let key = Key(userID: try row.decode(column: "user_id", as: UUID.self), section: try Section.decode(row, "section"))
            histories[key, default: []].append(try ThetaHistory.observation(row, now: now))
        }
        return histories
    }

    /// Writes the trend unless an answer landed since it was read (the count moved on): that
    /// row stays due for the next run. Returns 1 when written.
    private func store(
        _ trend: ReadinessTrend, userID: UUID, section: Section, targetScore: Int?, answers: Int, now: Date,
        _ db: any SQLDatabase
    ) async throws -> Int {
        let stored = trend.stored
        let readyByDate: CalendarDate? = if case .date(let day, _) = trend.readyBy { day } else { nil }
        let updated = try await db.raw("""
            UPDATE user_readiness SET
                ready_by_status = \(bind: stored.status),
                days_to_ready = \(bind: stored.daysToReady),
                ready_by_date = \(CalendarDateExpression(readyByDate)),
                improvement_rate_per_week = \(bind: stored.improvementPerWeek),
                trend_attempts_count = \(bind: answers),
                trend_target_score = \(bind: targetScore),
                trend_refreshed_at = \(bind: now),
                updated_by_job_id = \(bind: Self.jobID)
            WHERE user_id = \(bind: userID) AND section = \(bind: section.rawValue)
              AND total_attempts_count = \(bind: answers)
            RETURNING section
            """).all()
        return updated.count
    }
}
