/// Maximum a posteriori (MAP) and bounded maximum-likelihood (MLE) ability estimates.
///
/// Both maximise `f(θ) = Σ log P(u_i | θ) + log prior(θ)` (no prior term for the MLE) in two
/// stages: a scan of 121 evenly spaced points over the search interval finds the best basin
/// (the 3PL likelihood can have several local maxima), then Fisher scoring
/// `θ ← θ + f′(θ)/(I(θ) + 1/σ²)` refines it inside that basin, stopping when the step is below
/// 1e−10. The returned variance is `1/(I(θ̂) + 1/σ²)` (Fisher information at the mode).
///
/// MLE is bounded to `bounds` (default [−4, 4]): an all-correct or all-wrong pattern has no finite
/// maximum and returns the upper or lower bound. With no responses at all the MLE is undefined:
/// it returns the middle of the interval with infinite variance.
public enum ModeEstimator {
    /// MAP estimate under the normal prior `prior`; the prior itself for an empty history, the
    /// bounded MLE for an infinitely wide prior.
    public static func map(_ responses: [ItemResponse], prior: AbilityEstimate = .standardPrior) -> AbilityEstimate {
        guard !responses.isEmpty else { return prior }
        guard prior.variance > 0 else { return prior }
        // An infinitely wide prior is no prior at all.
        guard prior.variance.isFinite else { return mle(responses) }
        let sd = prior.sd
        let lower = prior.mean - 6 * sd
        let upper = prior.mean + 6 * sd
        let precision = 1 / prior.variance
        let theta = maximise(responses, lower: lower, upper: upper) { theta in
            (value: -0.5 * (theta - prior.mean) * (theta - prior.mean) * precision,
             slope: -(theta - prior.mean) * precision,
             curvature: precision)
        }
        return AbilityEstimate(mean: theta, variance: 1 / (information(responses, at: theta) + precision))
    }

    /// Maximum-likelihood estimate restricted to `bounds`.
    public static func mle(_ responses: [ItemResponse], bounds: ClosedRange<Double> = -4...4) -> AbilityEstimate {
        guard !responses.isEmpty else {
            return AbilityEstimate(mean: (bounds.lowerBound + bounds.upperBound) / 2, variance: .infinity)
        }
        let theta = maximise(responses, lower: bounds.lowerBound, upper: bounds.upperBound) { _ in
            (value: 0, slope: 0, curvature: 0)
        }
        let info = information(responses, at: theta)
        return AbilityEstimate(mean: theta, variance: info > 0 ? 1 / info : .infinity)
    }

    /// Test information Σ I_i(θ).
    static func information(_ responses: [ItemResponse], at theta: Double) -> Double {
        responses.reduce(0) { $0 + $1.item.information(at: theta) }
    }

    private static func logLikelihood(_ responses: [ItemResponse], at theta: Double) -> Double {
        responses.reduce(0) { $0 + $1.item.logLikelihood(correct: $1.correct, at: theta) }
    }

    /// Grid scan then safeguarded Fisher scoring on [lower, upper].
    private static func maximise(
        _ responses: [ItemResponse], lower: Double, upper: Double,
        prior: (Double) -> (value: Double, slope: Double, curvature: Double)
    ) -> Double {
        let steps = 120
        let h = (upper - lower) / Double(steps)
        var best = lower
        var bestValue = -Double.infinity
        for k in 0...steps {
            let theta = lower + Double(k) * h
            let value = logLikelihood(responses, at: theta) + prior(theta).value
            if value > bestValue {
                best = theta
                bestValue = value
            }
        }
        // The maximum lies within one grid step of the best scanned point.
        let low = max(lower, best - h)
        let high = min(upper, best + h)
        var theta = best
        for _ in 0..<100 {
            let p = prior(theta)
            var slope = p.slope
            for r in responses { slope += r.item.scoreContribution(correct: r.correct, at: theta) }
            let curvature = information(responses, at: theta) + p.curvature
            guard curvature > 0 else { break }
            var next = theta + slope / curvature
            next = min(max(next, low), high)
            // Fisher scoring is not guaranteed to ascend for the 3PL: keep the better point.
            if logLikelihood(responses, at: next) + prior(next).value
                < logLikelihood(responses, at: theta) + prior(theta).value {
                next = 0.5 * (theta + next)
            }
            let step = abs(next - theta)
            theta = next
            if step < 1e-10 { break }
        }
        return theta
    }
}
