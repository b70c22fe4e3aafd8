import IRT

/// Scores a finished sitting from the form's calibrated parameters.
///
/// Estimator: EAP (the posterior mean under the N(0, 1) prior the bank is calibrated on), per
/// subtest from that subtest's items only. It is defined for every pattern — all right, all
/// wrong and all blank included, where maximum likelihood runs off to ±∞ — and with a fixed form
/// everyone shares the same prior, so scores stay comparable within an event. Its cost is
/// shrinkage toward the mean on short forms; docs/TRYOUTS.md shows how much on the demo forms.
/// A blank scores as a wrong answer (no negative marking: both are worth zero).
public enum TryoutScoring {
    public struct Item: Sendable {
        public var section: Section
        public var parameters: ItemParameters
        public var response: FormResponse
        public var timeSpentSeconds: Int

        public init(section: Section, parameters: ItemParameters, response: FormResponse, timeSpentSeconds: Int) {
            self.section = section
            self.parameters = parameters
            self.response = response
            self.timeSpentSeconds = timeSpentSeconds
        }
    }

    /// One score per subtest present in `items`, in exam order, and their mean.
    public static func score(_ items: [Item], scale: ScoreScale) throws(FixedFormScoringError) -> (subtests: [SubtestScore], overall: Double) {
        var subtests: [SubtestScore] = []
        for section in Section.allCases {
            let mine = items.filter { $0.section == section }
            guard !mine.isEmpty else { continue }
            let result = try FixedFormScoring.score(items: mine.map(\.parameters), responses: mine.map(\.response))
            let range = scale.predictedRange(result.estimate)
            subtests.append(SubtestScore(
                section: section, theta: result.theta, standardError: result.posteriorSD,
                score: range.point, scoreLow: range.lower, scoreHigh: range.upper,
                correct: result.numberCorrect, wrong: mine.filter { $0.response == .wrong }.count,
                blank: mine.filter { $0.response == .blank }.count,
                timeSpentSeconds: mine.reduce(0) { $0 + $1.timeSpentSeconds }))
        }
        let overall = subtests.isEmpty ? 0 : subtests.reduce(0) { $0 + $1.score } / Double(subtests.count)
        return (subtests, overall)
    }

    /// The share of `scores` below `score`, ties counting half, as 0–100.
    public static func percentile(of score: Double, among scores: [Double]) -> Double {
        guard !scores.isEmpty else { return 0 }
        let below = scores.filter { $0 < score }.count
        let ties = scores.filter { $0 == score }.count
        return (Double(below) + Double(ties) / 2) / Double(scores.count) * 100
    }
}
