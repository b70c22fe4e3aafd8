import Foundation

/// The exact posterior of θ on a fixed grid, updated one response at a time.
///
/// Nodes `θ_k = μ₀ + σ₀·z_k` (default 81 over z ∈ [−6, 6]) are fixed by the prior N(μ₀, σ₀²);
/// the log-density starts at `−z_k²/2` and each response adds its log-likelihood, so after n
/// responses the summary equals the full-history EAP on that grid (trapezoid rule; for a posterior
/// of SD s the rule is accurate to ≈ exp(−2π²(s/h)²), negligible while s ≥ h = 0.15σ₀).
/// Used by the CAT simulation and by ``EAPEstimator``; O(nodes) per response, no allocation after
/// creation.
public struct GridPosterior: Sendable {
    private let thetas: [Double]
    private var logDensity: [Double]
    /// Number of responses absorbed so far.
    public private(set) var responseCount = 0

    /// A posterior equal to the prior N(prior.mean, prior.variance) on `nodes` points spread over
    /// ±`halfWidth` prior SDs. A zero prior variance degenerates to a point mass at the mean.
    public init(prior: AbilityEstimate = .standardPrior, nodes: Int = 81, halfWidth: Double = 6) {
        let grid = StandardGrid(count: nodes, halfWidth: halfWidth)
        let sigma = prior.sd
        thetas = grid.nodes.map { prior.mean + sigma * $0 }
        logDensity = grid.nodes.map { -0.5 * $0 * $0 }
    }

    /// Adds the log-likelihood of one response at every node.
    public mutating func update(item: ItemParameters, correct: Bool) {
        thetas.withUnsafeBufferPointer { t in
            logDensity.withUnsafeMutableBufferPointer { l in
                for k in 0..<t.count {
                    l[k] += item.logLikelihood(correct: correct, at: t[k])
                }
            }
        }
        responseCount += 1
    }

    /// Posterior mean and variance (EAP and its posterior variance).
    public var estimate: AbilityEstimate {
        thetas.withUnsafeBufferPointer { t in
            logDensity.withUnsafeBufferPointer { l in
                // Subtract the maximum before exponentiating: long tests push log-densities far
                // below −745, where exp would underflow to 0 for every node.
                var peak = -Double.infinity
                for k in 0..<l.count { peak = max(peak, l[k]) }
                // Moments of d = θ − θ_mid (the grid centre, i.e. the prior mean): one pass of
                // exponentials. Var = E[d²] − E[d]² loses only log10(1 + (E d)²/Var) digits,
                // about 2 for a posterior of SD 0.3 lying 3 away from the prior mean.
                let mid = t[t.count / 2]
                var s0 = 0.0, s1 = 0.0, s2 = 0.0
                for k in 0..<l.count {
                    let w = exp(l[k] - peak)
                    let d = t[k] - mid
                    s0 += w
                    s1 += w * d
                    s2 += w * d * d
                }
                let meanOffset = s1 / s0
                let mean = mid + meanOffset
                return AbilityEstimate(mean: mean, variance: max(s2 / s0 - meanOffset * meanOffset, 0))
            }
        }
    }
}

/// Expected-a-posteriori (EAP) ability estimation from a full response history.
public struct EAPEstimator: Sendable {
    /// Normal prior N(mean, variance) for θ.
    public var prior: AbilityEstimate
    /// Number of grid nodes (odd keeps the prior mean on the grid).
    public var nodes: Int
    /// Half-width of the grid in prior SDs.
    public var halfWidth: Double

    /// Creates an estimator; defaults: prior N(0, 1), 81 nodes over ±6 prior SDs.
    public init(prior: AbilityEstimate = .standardPrior, nodes: Int = 81, halfWidth: Double = 6) {
        self.prior = prior
        self.nodes = nodes
        self.halfWidth = halfWidth
    }

    /// Posterior mean and variance given `responses`; the prior itself for an empty history.
    public func estimate(_ responses: some Sequence<ItemResponse>) -> AbilityEstimate {
        guard prior.variance > 0 else { return prior }
        var posterior = GridPosterior(prior: prior, nodes: nodes, halfWidth: halfWidth)
        for response in responses {
            posterior.update(item: response.item, correct: response.correct)
        }
        return posterior.responseCount == 0 ? prior : posterior.estimate
    }
}
