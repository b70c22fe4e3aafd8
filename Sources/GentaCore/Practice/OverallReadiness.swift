import IRT

/// The exam-wide view UTBK reports: the mean of the subtest scores.
///
/// The predicted overall score is the mean of the subtests' predicted scores. Its uncertainty
/// treats the subtest estimates as independent (each is updated only by its own answers):
/// the SD of a mean of n scores is √(Σ sdᵢ²)/n, with sdᵢ = scale·θ-SDᵢ in score points. The
/// chance of reaching the target compares that mean with the target, which is how a
/// programme's cut-off is read.
public struct OverallReadiness: Sendable, Equatable {
    public var predictedScore: Int
    public var predictedScoreLow: Int
    public var predictedScoreHigh: Int
    /// Probability, in percent, that the overall score reaches the target; nil without one.
    public var readinessPercentage: Double?

    public init?(sections: [SectionReadiness], targetScore: Int?, scale: ScoreScale) {
        guard !sections.isEmpty else { return nil }
        let count = Double(sections.count)
        let mean = sections.reduce(0) { $0 + scale.score(theta: $1.theta) } / count
        let sd = sections.reduce(0) { $0 + ($1.thetaSD * scale.scale) * ($1.thetaSD * scale.scale) }.squareRoot() / count
        let z = StandardNormal.quantile(0.975)
        // Bounded: a corrupt stored θ (NaN) must not trap the conversion.
        let lowest = Bounded.nearest(scale.minimum, in: 0...100_000) ?? 0
        let scores = lowest...max(lowest, Bounded.nearest(scale.maximum, in: 0...100_000) ?? lowest)
        predictedScore = Bounded.nearest(mean, in: scores) ?? scores.lowerBound
        predictedScoreLow = Bounded.nearest(mean - z * sd, in: scores) ?? scores.lowerBound
        predictedScoreHigh = Bounded.nearest(mean + z * sd, in: scores) ?? scores.lowerBound
        readinessPercentage = targetScore.map { target in
            let probability = sd > 0 ? StandardNormal.cdf((mean - Double(target)) / sd) : (mean >= Double(target) ? 1 : 0)
            return (probability * 100 * 1000).rounded() / 1000
        }
    }
}
