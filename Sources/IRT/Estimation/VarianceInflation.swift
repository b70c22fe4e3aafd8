/// Widening of an ability posterior with elapsed time, so that θ can follow a learning student.
///
/// Model: θ drifts as a random walk, `θ(t + d) = θ(t) + ε` with `Var ε = driftPerDay·d`, so the
/// variance grows additively. It is capped at `maximumVariance` (default 1, the population
/// variance: after a long break we know at least as much as about a new student). A variance
/// already above the cap is left as it is, never shrunk; negative or non-finite elapsed times
/// add nothing (clocks can step backwards).
public enum VarianceInflation {
    /// Default drift per day: 0.002 θ² per day, i.e. an SD of about 0.25 after a month without
    /// practice. A documented assumption, to be tuned from data.
    public static let defaultDriftPerDay = 0.002

    /// `min(variance + driftPerDay·elapsedDays, maximumVariance)`, never below `variance`.
    public static func inflated(
        variance: Double,
        elapsedDays: Double,
        driftPerDay: Double = defaultDriftPerDay,
        maximumVariance: Double = 1
    ) -> Double {
        guard elapsedDays.isFinite, elapsedDays > 0, driftPerDay.isFinite, driftPerDay > 0 else {
            return variance
        }
        if variance >= maximumVariance { return variance }
        return min(variance + driftPerDay * elapsedDays, maximumVariance)
    }
}

extension AbilityEstimate {
    /// This estimate with its variance inflated for `elapsedDays` (see ``VarianceInflation``).
    public func inflated(
        elapsedDays: Double,
        driftPerDay: Double = VarianceInflation.defaultDriftPerDay,
        maximumVariance: Double = 1
    ) -> AbilityEstimate {
        AbilityEstimate(
            mean: mean,
            variance: VarianceInflation.inflated(
                variance: variance, elapsedDays: elapsedDays,
                driftPerDay: driftPerDay, maximumVariance: maximumVariance))
    }
}
