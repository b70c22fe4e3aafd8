import Foundation
@testable import IRT

/// Posterior mean and variance by brute force: trapezoid rule on 24,001 points over ±12 prior
/// SDs, evaluating the likelihood as a plain product. The reference the fast estimators are
/// compared against.
func bruteForcePosterior(prior: AbilityEstimate, responses: [ItemResponse]) -> AbilityEstimate {
    let sd = prior.sd
    let n = 24_001
    let lower = prior.mean - 12 * sd
    let h = 24 * sd / Double(n - 1)
    var logs = [Double](repeating: 0, count: n)
    for k in 0..<n {
        let theta = lower + Double(k) * h
        let z = (theta - prior.mean) / sd
        var value = -0.5 * z * z
        for r in responses {
            let p = r.item.probability(at: theta)
            value += log(r.correct ? p : 1 - p)
        }
        logs[k] = value
    }
    let peak = logs.max() ?? 0
    var s0 = 0.0, s1 = 0.0, s2 = 0.0
    for k in 0..<n {
        let theta = lower + Double(k) * h
        let w = exp(logs[k] - peak)
        s0 += w
        s1 += w * theta
        s2 += w * theta * theta
    }
    let mean = s1 / s0
    return AbilityEstimate(mean: mean, variance: s2 / s0 - mean * mean)
}

/// A deterministic pseudo-random test of `count` items answered by a simulee at `theta`.
func simulatedTest(count: Int, theta: Double, seed: UInt64, model: IRTModel = .threePL) -> [ItemResponse] {
    var generator = SeededGenerator(seed: seed)
    let bank = SyntheticData.bank(count: count, model: model, using: &generator)
    return bank.map { item in
        ItemResponse(item: item, correct: generator.nextUnit() < item.probability(at: theta))
    }
}

/// Root-mean-square difference.
func rmse(_ x: [Double], _ y: [Double]) -> Double {
    (zip(x, y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(max(x.count, 1))).squareRoot()
}
