import Foundation
import IRT

/// The half of a section's readiness that needs the θ history: how fast θ is rising and when it
/// reaches the target. The rest (range, chance of the target) follows from the stored
/// posterior alone.
///
/// Computing it reads up to ``historyLimit`` answers per section, so the `refresh-readiness`
/// job stores it (``Stored``) and the dashboard reuses the stored trend while it is fresh. The
/// forecast depends on the answers and the target only — not on when it is asked — so a trend
/// computed after the section's latest answer, for the current target, stays exact.
public struct ReadinessTrend: Sendable, Equatable {
    public var readyBy: SectionReadiness.ReadyBy
    /// θ per week, rounded to 0.001 and bounded to what the column holds; nil without a trend.
    public var improvementPerWeek: Double?

    /// Answers considered: the latest within this many days, at most `historyLimit` of them.
    public static let historyWindowDays = 90.0
    public static let historyLimit = 300

    public init(readyBy: SectionReadiness.ReadyBy, improvementPerWeek: Double?) {
        self.readyBy = readyBy
        self.improvementPerWeek = improvementPerWeek
    }

    /// The trend of `history` (θ after each answer, days relative to `now`).
    public init(
        history: [ThetaObservation], targetScore: Int?, now: Date, scale: ScoreScale,
        forecaster: ReadinessForecaster = ReadinessForecaster()
    ) {
        readyBy = SectionReadiness.readyBy(
            history: history, targetScore: targetScore, now: now, scale: scale, forecaster: forecaster)
        improvementPerWeek = Self.hasTrend(history, forecaster)
            ? forecaster.trendSlope(history).map { Self.perWeek($0) } : nil
    }

    /// A rate is only meaningful over the span the forecaster itself requires; minutes of
    /// answers would extrapolate to absurd weekly rates.
    static func hasTrend(_ history: [ThetaObservation], _ forecaster: ReadinessForecaster) -> Bool {
        guard let first = history.map(\.day).min(), let last = history.map(\.day).max() else { return false }
        return history.count >= forecaster.minimumPoints && last - first >= forecaster.minimumSpanDays
    }

    /// θ per day → per week, rounded to 0.001 within ±99.999 (`NUMERIC(5, 3)`).
    static func perWeek(_ slopePerDay: Double) -> Double {
        let weekly = (slopePerDay * 7 * 1000).rounded() / 1000
        return min(max(weekly, -99.999), 99.999)
    }
}

extension ReadinessTrend {
    /// The trend as `user_readiness` keeps it: a status word, the days to the target counted
    /// from the refresh, and the weekly rate.
    public struct Stored: Sendable, Equatable {
        /// `forecast`, `already_ready`, `no_target`, `not_enough_data` or `not_improving`: the
        /// API's `ready_by_status` words.
        public var status: String
        public var daysToReady: Int?
        public var improvementPerWeek: Double?

        public init(status: String, daysToReady: Int?, improvementPerWeek: Double?) {
            self.status = status
            self.daysToReady = daysToReady
            self.improvementPerWeek = improvementPerWeek
        }
    }

    public var stored: Stored {
        switch readyBy {
        case .date(_, let days): Stored(status: "forecast", daysToReady: days, improvementPerWeek: improvementPerWeek)
        case .alreadyReady: Stored(status: "already_ready", daysToReady: 0, improvementPerWeek: improvementPerWeek)
        case .noTarget: Stored(status: "no_target", daysToReady: nil, improvementPerWeek: improvementPerWeek)
        case .notEnoughData: Stored(status: "not_enough_data", daysToReady: nil, improvementPerWeek: improvementPerWeek)
        case .notImproving: Stored(status: "not_improving", daysToReady: nil, improvementPerWeek: improvementPerWeek)
        }
    }

    /// The trend a stored one stands for, its ready-by day counted from `now` as a fresh
    /// forecast would be; nil for a status this version does not know.
    public init?(stored: Stored, now: Date) {
        let readyBy: SectionReadiness.ReadyBy
        switch stored.status {
        case "forecast":
            guard let days = stored.daysToReady, days >= 1 else { return nil }
            readyBy = .date(PracticeDay.today(now.addingTimeInterval(Double(days) * 86_400)), days: days)
        case "already_ready": readyBy = .alreadyReady
        case "no_target": readyBy = .noTarget
        case "not_enough_data": readyBy = .notEnoughData
        case "not_improving": readyBy = .notImproving
        default: return nil
        }
        self.init(readyBy: readyBy, improvementPerWeek: stored.improvementPerWeek)
    }
}

extension ReadinessForecaster {
    /// The recency-weighted slope (θ per day) of the whole history; nil when it has no spread.
    func trendSlope(_ history: [ThetaObservation]) -> Double? {
        guard let latest = history.map(\.day).max() else { return nil }
        return trendSlope(history, latestDay: latest)
    }
}
