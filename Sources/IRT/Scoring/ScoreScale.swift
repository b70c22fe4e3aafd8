/// A linear map from θ to a UTBK-like reported score, `score = center + scale·θ`, clamped to
/// `[minimum, maximum]`.
///
/// The official UTBK-SNBT transformation is not published; ``utbk`` anchors Genta's scale to
/// what is public (docs/TRYOUTS.md, "Score scale"). This type is the one place θ becomes a
/// score, so re-anchoring when better data exists is a change of these four numbers.
public struct ScoreScale: Sendable, Hashable, Codable {
    /// Score at θ = 0.
    public var center: Double
    /// Score points per unit of θ (must be positive).
    public var scale: Double
    /// Lowest reportable score.
    public var minimum: Double
    /// Highest reportable score.
    public var maximum: Double

    /// Genta's scale, anchored to UTBK-SNBT 2025 (S1 scores 200.00–819.85, mean 545.78):
    /// θ = 0, the bank's calibration mean, reports the national mean 545.78; one θ unit is 75
    /// points, so the floor of 200 sits 4.6 SD below the mean — where the lowest of 860,976
    /// candidates is expected to fall — and the 2025 top score 3.65 SD above it; reported
    /// scores stay within [200, 1000].
    public static let utbk = ScoreScale()

    /// Creates a scale (defaults as ``utbk``).
    public init(center: Double = 545.78, scale: Double = 75, minimum: Double = 200, maximum: Double = 1000) {
        self.center = center
        self.scale = scale
        self.minimum = minimum
        self.maximum = maximum
    }

    /// The reported score for ability `theta`, clamped to the scale's range.
    public func score(theta: Double) -> Double {
        min(max(center + scale * theta, minimum), maximum)
    }

    /// The θ whose unclamped score is `score` (inverse of the linear part).
    public func theta(score: Double) -> Double {
        (score - center) / scale
    }

    /// Predicted score interval `mean ± z·sd` mapped to scores, where z = Φ⁻¹((1 + confidence)/2)
    /// (1.96 at the default 95 %). Confidence is clamped to [0, 0.999999].
    public func predictedRange(_ ability: AbilityEstimate, confidence: Double = 0.95) -> ScoreRange {
        let level = min(max(confidence, 0), 0.999_999)
        let z = StandardNormal.quantile(0.5 + level / 2)
        return ScoreRange(
            lower: score(theta: ability.mean - z * ability.sd),
            point: score(theta: ability.mean),
            upper: score(theta: ability.mean + z * ability.sd),
            confidence: level)
    }

    /// Probability that the student's true score reaches `target`:
    /// `Φ((θ_mean − θ_target)/sd)`. With sd = 0 it is 1 when the mean reaches the target, else 0.
    /// A target at or below `minimum` is always reached (1); one above `maximum` never (0).
    public func probabilityOfReaching(_ target: Double, ability: AbilityEstimate) -> Double {
        if target <= minimum { return 1 }
        if target > maximum { return 0 }
        let targetTheta = theta(score: target)
        let sd = ability.sd
        guard sd > 0 else { return ability.mean >= targetTheta ? 1 : 0 }
        return StandardNormal.cdf((ability.mean - targetTheta) / sd)
    }
}

/// A predicted score interval.
public struct ScoreRange: Sendable, Hashable, Codable {
    /// Lower end of the interval.
    public var lower: Double
    /// Score at the posterior mean.
    public var point: Double
    /// Upper end of the interval.
    public var upper: Double
    /// Confidence level of the interval (0.95 = 95 %).
    public var confidence: Double

    /// Creates an interval.
    public init(lower: Double, point: Double, upper: Double, confidence: Double) {
        self.lower = lower
        self.point = point
        self.upper = upper
        self.confidence = confidence
    }
}
