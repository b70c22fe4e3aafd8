import Foundation

/// When a student is likely to reach a target ability, from the trend of θ over time.
public enum ReadyByForecast: Sendable, Hashable, Codable {
    /// The latest θ already reaches the target.
    case alreadyReady
    /// At the fitted rate of improvement, the target is reached this many days after the latest point.
    case readyIn(days: Double)
    /// Too few points, or they span too short a time, to fit a trend.
    case notEnoughData
    /// The trend is flat or falling (or so slow the target lies beyond the horizon).
    case notImproving
}

/// One observation of a student's ability: a day offset (any origin, e.g. days since sign-up)
/// and the θ estimate at that time.
public struct ThetaObservation: Sendable, Hashable, Codable {
    /// Time in days; only differences matter.
    public var day: Double
    /// Ability estimate (posterior mean) at that time.
    public var theta: Double

    /// Creates an observation.
    public init(day: Double, theta: Double) {
        self.day = day
        self.theta = theta
    }
}

/// Fits a recency-weighted linear trend to θ over time and turns it into a ``ReadyByForecast``.
///
/// Weighted least squares of θ on day with weights `w_i = 2^(−(t_last − t_i)/halfLifeDays)`:
/// a point one half-life older counts half as much, so the trend follows recent learning
/// (default half-life 14 days). Decision order:
/// 1. no points → `.notEnoughData`; latest θ ≥ target → `.alreadyReady`;
/// 2. fewer than `minimumPoints` points, or a span shorter than `minimumSpanDays` → `.notEnoughData`;
/// 3. slope ≤ `minimumSlopePerDay` → `.notImproving`;
/// 4. days = (target − latest θ)/slope; beyond `horizonDays` → `.notImproving`, else `.readyIn(days:)`.
/// The result is always finite and positive for `.readyIn`; no date is invented from thin data.
/// Time comes in as numbers: the caller converts its clock to day offsets.
public struct ReadinessForecaster: Sendable, Hashable, Codable {
    /// Minimum number of observations (default 5).
    public var minimumPoints: Int
    /// Minimum time between first and last observation, in days (default 7).
    public var minimumSpanDays: Double
    /// Half-life of the recency weights, in days (default 14).
    public var halfLifeDays: Double
    /// Slopes at or below this (θ per day) count as not improving (default 0.001: 0.1 score
    /// points per day on the default scale).
    public var minimumSlopePerDay: Double
    /// Forecasts further out than this are reported as `.notImproving` (default 365 days).
    public var horizonDays: Double

    /// Creates a forecaster with the documented defaults.
    public init(
        minimumPoints: Int = 5, minimumSpanDays: Double = 7, halfLifeDays: Double = 14,
        minimumSlopePerDay: Double = 0.001, horizonDays: Double = 365
    ) {
        self.minimumPoints = minimumPoints
        self.minimumSpanDays = minimumSpanDays
        self.halfLifeDays = halfLifeDays
        self.minimumSlopePerDay = minimumSlopePerDay
        self.horizonDays = horizonDays
    }

    /// Forecast for reaching `targetTheta` (use ``ScoreScale/theta(score:)`` for a target score).
    /// Non-finite observations are ignored; order does not matter.
    public func forecast(_ observations: [ThetaObservation], targetTheta: Double) -> ReadyByForecast {
        let points = observations.filter { $0.day.isFinite && $0.theta.isFinite }
        guard let latest = points.max(by: { $0.day < $1.day }) else { return .notEnoughData }
        if latest.theta >= targetTheta { return .alreadyReady }
        guard let first = points.min(by: { $0.day < $1.day }),
              points.count >= max(minimumPoints, 2),
              latest.day - first.day >= minimumSpanDays
        else { return .notEnoughData }
        guard let slope = trendSlope(points, latestDay: latest.day), slope > minimumSlopePerDay else {
            return .notImproving
        }
        let days = (targetTheta - latest.theta) / slope
        guard days.isFinite, days <= horizonDays else { return .notImproving }
        return .readyIn(days: days)
    }

    /// Weighted least-squares slope (θ per day); nil when the weighted days have no spread.
    public func trendSlope(_ points: [ThetaObservation], latestDay: Double) -> Double? {
        let halfLife = halfLifeDays > 0 ? halfLifeDays : .infinity
        var sw = 0.0, st = 0.0, sy = 0.0
        var weights: [Double] = []
        weights.reserveCapacity(points.count)
        for p in points {
            let w = exp2(-(latestDay - p.day) / halfLife)
            weights.append(w)
            sw += w
            st += w * p.day
            sy += w * p.theta
        }
        guard sw > 0 else { return nil }
        let meanT = st / sw
        let meanY = sy / sw
        // Centred sums: no cancellation when days are large offsets (e.g. days since 1970).
        var stt = 0.0, sty = 0.0
        for (p, w) in zip(points, weights) {
            stt += w * (p.day - meanT) * (p.day - meanT)
            sty += w * (p.day - meanT) * (p.theta - meanY)
        }
        guard stt > 0 else { return nil }
        return sty / stt
    }
}
