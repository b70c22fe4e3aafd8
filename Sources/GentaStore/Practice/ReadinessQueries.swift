import Foundation
import GentaCore
import IRT
import SQLKit

/// The readiness dashboard (seed Query 1) with predictions computed from the stored posterior
/// and the θ trend.
public struct ReadinessQueries: Sendable {
    let database: any Database
    let clock: WallClock
    let settings: PracticeSettings
    /// Trend points considered: the latest answers within this many days.
    static let trendWindowDays = 90.0
    static let trendPoints = 300

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
                       recent_accuracy, overall_accuracy
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
        let history = try await thetaHistory(userID: user.id, section: section, now: now, db)
        let forecaster = ReadinessForecaster()
        let slope = Self.hasTrend(history, forecaster) ? forecaster.trendSlope(history) : nil
        return SectionReadiness(
            section: section, theta: ability.mean, thetaSD: ability.sd, predictedScore: snapshot.predictedScore,
            predictedScoreLow: snapshot.predictedLow, predictedScoreHigh: snapshot.predictedHigh,
            targetScore: user.targetScore, readinessPercentage: snapshot.readinessPercentage,
            readyBy: SectionReadiness.readyBy(
                history: history, targetScore: user.targetScore, now: now, scale: settings.scoreScale,
                forecaster: forecaster),
            improvementPerWeek: slope.map { ($0 * 7 * 1000).rounded() / 1000 },
            recentAccuracy: try row?.decodeOptionalDouble(column: "recent_accuracy"),
            overallAccuracy: try row?.decodeOptionalDouble(column: "overall_accuracy"),
            recentAttempts: try row?.decode(column: "recent_attempts_count", as: Int.self) ?? 0,
            totalAttempts: try row?.decode(column: "total_attempts_count", as: Int.self) ?? 0)
    }

    /// θ after each recent answer, as days before now (negative offsets).
    private func thetaHistory(userID: UUID, section: Section, now: Date, _ db: any SQLDatabase) async throws -> [ThetaObservation] {
        let since = now.addingTimeInterval(-Self.trendWindowDays * 86_400)
        return try await db.raw("""
            SELECT user_theta_after, created_at FROM attempts
            WHERE user_id = \(bind: userID) AND section = \(bind: section.rawValue) AND deleted_at IS NULL
              AND created_at >= \(bind: since)
            ORDER BY created_at DESC
            LIMIT \(bind: Self.trendPoints)
            """).all().map {
            ThetaObservation(
                day: try $0.decode(column: "created_at", as: Date.self).timeIntervalSince(now) / 86_400,
                theta: try $0.decode(column: "user_theta_after", as: Double.self))
        }
    }
}

extension ReadinessQueries {
    /// A rate is only meaningful over the span the forecaster itself requires; minutes of
    /// answers would extrapolate to absurd weekly rates.
    static func hasTrend(_ history: [ThetaObservation], _ forecaster: ReadinessForecaster) -> Bool {
        guard let first = history.map(\.day).min(), let last = history.map(\.day).max() else { return false }
        return history.count >= forecaster.minimumPoints && last - first >= forecaster.minimumSpanDays
    }
}

extension ReadinessForecaster {
    /// The recency-weighted slope (θ per day) of the whole history; nil when it has no spread.
    func trendSlope(_ history: [ThetaObservation]) -> Double? {
        guard let latest = history.map(\.day).max() else { return nil }
        return trendSlope(history, latestDay: latest)
    }
}
