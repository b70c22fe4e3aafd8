import Foundation

/// The standard normal distribution: density, cumulative distribution and quantile.
///
/// `cdf` uses `erfc`, so both tails keep full relative precision (Φ(−30) ≈ 4.9e−198, not 0).
/// `quantile` refines a closed-form first guess with Halley steps on `cdf` and is accurate to
/// about 1e−14 absolute for p in [1e−300, 1 − 1e−16].
public enum StandardNormal {
    /// φ(z) = e^(−z²/2)/√(2π).
    public static func density(_ z: Double) -> Double {
        exp(-0.5 * z * z) / (2 * Double.pi).squareRoot()
    }

    /// Φ(z) = P(Z ≤ z) = ½·erfc(−z/√2).
    public static func cdf(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }

    /// Φ⁻¹(p): the z with Φ(z) = p. Returns ∓infinity at p = 0 / 1 and NaN outside [0, 1].
    public static func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        // Work in the lower tail so the residual Φ(z) − p is computed without cancellation.
        if p > 0.5 { return -quantile(1 - p) }
        // First guess: the tail approximation z ≈ −√(−2 log p) corrected by its own log term;
        // near the centre a linear guess is closer. Halley's method then converges cubically.
        var z: Double
        if p < 0.1 {
            let t = (-2 * log(p)).squareRoot()
            z = -(t - log(4 * Double.pi * log(1 / p)) / (2 * t))
        } else {
            z = (p - 0.5) * (2 * Double.pi).squareRoot()
        }
        for _ in 0..<50 {
            let residual = cdf(z) - p
            let d = density(z)
            if d == 0 { break }
            let u = residual / d
            let step = u / (1 + 0.5 * z * u)
            z -= step
            if abs(step) <= 1e-15 * max(1, abs(z)) { break }
        }
        return z
    }
}
