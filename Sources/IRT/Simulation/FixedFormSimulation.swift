import Foundation

/// Accuracy of fixed-form scoring for simulees whose true θ lies in one band.
public struct FixedFormBand: Sendable, Hashable, Codable {
    /// Lower edge (inclusive); nil = −∞.
    public var lower: Double?
    /// Upper edge (exclusive); nil = +∞.
    public var upper: Double?
    /// Representative θ of the band: the midpoint of a closed band, the mean of N(0, 1) within an
    /// open one (e.g. ≈ −1.53 for θ < −1, ≈ 2.37 for θ ≥ 2), where its simulees actually lie.
    public var middle: Double
    /// Simulees in the band.
    public var count: Int
    /// √mean (θ̂ − θ)² in the band; nil when empty.
    public var rmse: Double?
    /// mean (θ̂ − θ) in the band; nil when empty. EAP shrinkage makes it positive at the low end
    /// and negative at the high end.
    public var bias: Double?
    /// Mean reported posterior SD in the band; nil when empty.
    public var meanPosteriorSD: Double?
    /// 1/√I(middle): the form's standard error at the band's middle, to compare with `rmse`.
    public var expectedSE: Double

    enum CodingKeys: String, CodingKey {
        case lower, upper, middle, count, rmse, bias
        case meanPosteriorSD = "mean_posterior_sd"
        case expectedSE = "expected_se"
    }
}

/// Accuracy and precision of a fixed form scored by ``FixedFormScoring``.
public struct FixedFormSimulationResult: Sendable, Hashable, Codable {
    /// Number of simulees.
    public var examinees: Int
    /// Items on the form.
    public var length: Int
    /// √mean (θ̂ − θ)².
    public var thetaRMSE: Double
    /// mean (θ̂ − θ).
    public var thetaBias: Double
    /// Mean reported posterior SD. When scoring is right and θ ~ N(0, 1) as the prior says,
    /// mean posterior variance equals the mean squared error, so this is close to `thetaRMSE`.
    public var meanPosteriorSD: Double
    /// Mean of 1/√I(θ̂) over simulees.
    public var meanStandardError: Double
    /// Results per θ band, lowest first.
    public var bands: [FixedFormBand]

    enum CodingKeys: String, CodingKey {
        case examinees, length, bands
        case thetaRMSE = "theta_rmse"
        case thetaBias = "theta_bias"
        case meanPosteriorSD = "mean_posterior_sd"
        case meanStandardError = "mean_standard_error"
    }
}

/// Simulates candidates sitting a fixed form: θ ~ N(0, 1), answers drawn from the 3PL at the true
/// θ, each pattern scored by ``FixedFormScoring``; then compares θ̂ with θ overall and per band.
///
/// It answers the question a form's information curve only implies: how far from their true
/// ability are the candidates' scores, where on the scale, and does the reported posterior SD tell
/// the truth about it. Blanks are not simulated (a blank scores as a wrong answer anyway).
public enum FixedFormSimulator {
    /// Default band edges: θ < −1, −1…0, 0…1, 1…2, ≥ 2.
    public static let defaultBandEdges: [Double] = [-1, 0, 1, 2]

    /// Runs `examinees` simulees through the form `items`.
    ///
    /// All draws come from `generator` (first every θ, then the answers simulee by simulee), so a
    /// seeded generator reproduces the result exactly. `bandEdges` are sorted and de-duplicated;
    /// non-finite edges are ignored.
    public static func run<G: RandomNumberGenerator>(
        items: [ItemParameters], examinees: Int, bandEdges: [Double] = defaultBandEdges, using generator: inout G
    ) throws(FixedFormScoringError) -> FixedFormSimulationResult {
        let thetas = SyntheticData.abilities(count: examinees, using: &generator)
        let edges = Array(Set(bandEdges.filter(\.isFinite))).sorted()
        var sums = [BandSums](repeating: BandSums(), count: edges.count + 1)
        var overall = BandSums()
        var sumStandardError = 0.0
        var responses = [FormResponse](repeating: .wrong, count: items.count)
        for theta in thetas {
            for (i, item) in items.enumerated() {
                responses[i] = generator.nextUnit() < item.probability(at: theta) ? .correct : .wrong
            }
            let score = try FixedFormScoring.score(items: items, responses: responses)
            let error = score.theta - theta
            // Band index: the number of edges at or below θ.
            let band = edges.reduce(0) { $0 + (theta >= $1 ? 1 : 0) }
            sums[band].add(error: error, sd: score.posteriorSD)
            overall.add(error: error, sd: score.posteriorSD)
            sumStandardError += score.standardError
        }
        let bands = sums.indices.map { b in
            let lower = b > 0 ? edges[b - 1] : nil
            let upper = b < edges.count ? edges[b] : nil
            let middle = Self.middle(lower: lower, upper: upper)
            let information = items.reduce(0) { $0 + $1.information(at: middle) }
            return FixedFormBand(
                lower: lower, upper: upper, middle: middle, count: sums[b].count,
                rmse: sums[b].rmse, bias: sums[b].bias, meanPosteriorSD: sums[b].meanSD,
                expectedSE: information > 0 ? 1 / information.squareRoot() : .infinity)
        }
        let n = Double(max(examinees, 1))
        return FixedFormSimulationResult(
            examinees: thetas.count, length: items.count,
            thetaRMSE: overall.rmse ?? 0, thetaBias: overall.bias ?? 0, meanPosteriorSD: overall.meanSD ?? 0,
            meanStandardError: sumStandardError / n, bands: bands)
    }

    /// Midpoint of a closed band; E[θ | band] under N(0, 1) for an open one (0 for no edges).
    static func middle(lower: Double?, upper: Double?) -> Double {
        switch (lower, upper) {
        case let (lower?, upper?): return (lower + upper) / 2
        case let (nil, upper?): return -StandardNormal.density(upper) / StandardNormal.cdf(upper)
        case let (lower?, nil): return StandardNormal.density(lower) / StandardNormal.cdf(-lower)
        case (nil, nil): return 0
        }
    }
}

/// Running sums of one band.
private struct BandSums {
    var count = 0
    var squared = 0.0
    var error = 0.0
    var sd = 0.0

    mutating func add(error e: Double, sd s: Double) {
        count += 1
        squared += e * e
        error += e
        sd += s
    }

    var rmse: Double? { count > 0 ? (squared / Double(count)).squareRoot() : nil }
    var bias: Double? { count > 0 ? error / Double(count) : nil }
    var meanSD: Double? { count > 0 ? sd / Double(count) : nil }
}
