import Foundation
import GentaCore
import IRT
import SQLKit

/// The readiness dashboard (seed Query 1) with predictions computed from the stored posterior
/// and the θ trend — the trend `refresh-readiness` stored when it is still current, otherwise
/// computed here from the history.
public struct ReadinessQueries: Sendable {
    let database: any Database
    let clock: WallClock
    let settings: PracticeSettings

    public init(database: any Database, clock: WallClock, settings: PracticeSettings) {
        self.database = database
        self.clock = clock
        self.settings = settings
    }

    public func report(for user: UserAccount) async throws -> [SectionReadiness] {
        let now = clock.now()
        return try await database.withConnection { db in
            let rows = try await db.raw("""
                SELECT section, current_theta, current_theta_variance, recent_attempts_count, total_attempts_count,
                       recent_accuracy, overall_accuracy, \(StoredTrendColumns.list)
                FROM user_readiness WHERE user_id = \(bind: user.id)
                """).all()
            var stored: [Section: any SQLRow] = [:]
            for row in rows { stored[try Section.decode(row, "section")] = row }
            var report: [SectionReadiness] = []
            for section in Section.allCases {
                report.append(try await readiness(section, row: stored[section], user: user, now: now, db))
            }
            return report
        }
    }

    private func readiness(
        _ section: Section, row: (any SQLRow)?, user: UserAccount, now: Date, _ db: any SQLDatabase
    ) async throws -> SectionReadiness {
        let ability = try row.map {
            AbilityEstimate(
                mean: try $0.decode(column: "current_theta", as: Double.self),
                variance: try $0.decode(column: "current_theta_variance", as: Double.self))
        } ?? .standardPrior
        let snapshot = ReadinessSnapshot(ability: ability, targetScore: user.targetScore, scale: settings.scoreScale)
        let trend: ReadinessTrend
        if let row, let current = try StoredTrendColumns.currentTrend(row, targetScore: user.targetScore, now: now) {
            trend = current
        } else {
            let history = try await ThetaHistory.recent(userID: user.id, section: section, now: now, db)
            trend = ReadinessTrend(history: history, targetScore: user.targetScore, now: now, scale: settings.scoreScale)
        }
        return SectionReadiness(
            section: section, theta: ability.mean, thetaSD: ability.sd, predictedScore: snapshot.predictedScore,
            predictedScoreLow: snapshot.predictedLow, predictedScoreHigh: snapshot.predictedHigh,
            targetScore: user.targetScore, readinessPercentage: snapshot.readinessPercentage,
            readyBy: trend.readyBy, improvementPerWeek: trend.improvementPerWeek,
            recentAccuracy: try row?.decodeOptionalDouble(column: "recent_accuracy"),
            overallAccuracy: try row?.decodeOptionalDouble(column: "overall_accuracy"),
            recentAttempts: try row?.decode(column: "recent_attempts_count", as: Int.self) ?? 0,
            totalAttempts: try row?.decode(column: "total_attempts_count", as: Int.self) ?? 0)
    }
}

/// θ after each of a section's recent answers, as the trend reads them.
enum ThetaHistory {
    /// The latest ``ReadinessTrend/historyLimit`` answers of the window, as days before `now`.
    static func recent(userID: UUID, section: Section, now: Date, _ db: any SQLDatabase) async throws -> [ThetaObservation] {
        try await db.raw("""
            SELECT user_theta_after, created_at FROM attempts
            WHERE user_id = \(bind: userID) AND section = \(bind: section.rawValue) AND deleted_at IS NULL
              AND is_pretest = \(bind: false) AND created_at >= \(bind: windowStart(now))
            ORDER BY created_at DESC, id DESC
            LIMIT \(bind: ReadinessTrend.historyLimit)
            """).all().map { try observation($0, now: now) }
    }

    static func windowStart(_ now: Date) -> Date {
        now.addingTimeInterval(-ReadinessTrend.historyWindowDays * 86_400)
    }

    static func observation(_ row: any SQLRow, now: Date) throws -> ThetaObservation {
        ThetaObservation(
            day: try row.decode(column: "created_at", as: Date.self).timeIntervalSince(now) / 86_400,
            theta: try row.decode(column: "user_theta_after", as: Double.self))
    }
}
