import Foundation
import IRT

/// Seed Query 1, per section: where the student stands and when they will be ready.
public struct SectionReadiness: Sendable, Equatable {
    /// Why there is no ready-by date, or that there is one.
    public enum ReadyBy: Sendable, Equatable {
        case date(CalendarDate, days: Int)
        case alreadyReady
        case noTarget
        case notEnoughData
        case notImproving
    }

    public var section: Section
    public var theta: Double
    public var thetaSD: Double
    public var predictedScore: Int
    public var predictedScoreLow: Int
    public var predictedScoreHigh: Int
    public var targetScore: Int?
    /// Probability (percent) of reaching the target score now; nil without a target.
    public var readinessPercentage: Double?
    public var readyBy: ReadyBy
    /// θ per week from the recency-weighted trend; nil when there is too little data.
    public var improvementPerWeek: Double?
    public var recentAccuracy: Double?
    public var overallAccuracy: Double?
    public var recentAttempts: Int
    public var totalAttempts: Int

    public init(
        section: Section, theta: Double, thetaSD: Double, predictedScore: Int, predictedScoreLow: Int,
        predictedScoreHigh: Int, targetScore: Int?, readinessPercentage: Double?, readyBy: ReadyBy,
        improvementPerWeek: Double?, recentAccuracy: Double?, overallAccuracy: Double?, recentAttempts: Int,
        totalAttempts: Int
    ) {
        self.section = section
        self.theta = theta
        self.thetaSD = thetaSD
        self.predictedScore = predictedScore
        self.predictedScoreLow = predictedScoreLow
        self.predictedScoreHigh = predictedScoreHigh
        self.targetScore = targetScore
        self.readinessPercentage = readinessPercentage
        self.readyBy = readyBy
        self.improvementPerWeek = improvementPerWeek
        self.recentAccuracy = recentAccuracy
        self.overallAccuracy = overallAccuracy
        self.recentAttempts = recentAttempts
        self.totalAttempts = totalAttempts
    }

    /// Turns the engine's forecast into a day in WIB, or the reason there is none.
    public static func readyBy(
        history: [ThetaObservation], targetScore: Int?, now: Date, scale: ScoreScale,
        forecaster: ReadinessForecaster = ReadinessForecaster()
    ) -> ReadyBy {
        guard let targetScore else { return .noTarget }
        switch forecaster.forecast(history, targetTheta: scale.theta(score: Double(targetScore))) {
        case .alreadyReady: return .alreadyReady
        case .notEnoughData: return .notEnoughData
        case .notImproving: return .notImproving
        case .readyIn(let days):
            let whole = Bounded.integer(days, in: 1...36_500) ?? 1
            return .date(PracticeDay.today(now.addingTimeInterval(Double(whole) * 86_400)), days: whole)
        }
    }
}
