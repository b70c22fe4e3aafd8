import IRT

/// What a student's ability in a section means on the score scale.
public struct ReadinessSnapshot: Sendable, Equatable {
    /// Predicted score at the posterior mean.
    public var predictedScore: Int
    /// 95% predicted range from the posterior.
    public var predictedLow: Int
    public var predictedHigh: Int
    /// Probability, in percent 0–100, of reaching the target score; nil without a target.
    public var readinessPercentage: Double?

    public init(ability: AbilityEstimate, targetScore: Int?, scale: ScoreScale = .utbk) {
        let range = scale.predictedRange(ability, confidence: 0.95)
        // The scale clamps its scores; bounding again keeps a corrupt θ (NaN) from trapping.
        let scores = 0...10_000
        predictedScore = Bounded.nearest(range.point, in: scores) ?? 0
        predictedLow = Bounded.nearest(range.lower, in: scores) ?? 0
        predictedHigh = Bounded.nearest(range.upper, in: scores) ?? 0
        readinessPercentage = targetScore.map {
            (scale.probabilityOfReaching(Double($0), ability: ability) * 100 * 1000).rounded() / 1000
        }
    }
}
