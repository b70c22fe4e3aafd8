import Foundation

/// A uniform grid `z_k = −halfWidth + k·h` on the standard-normal scale with weights
/// `w_k ∝ φ(z_k)` normalised to sum to 1: the trapezoid rule for `E[f(Z)]`, `Z ~ N(0, 1)`.
///
/// Why a uniform grid rather than Gauss–Hermite: for integrands analytic in a strip (logistic
/// likelihoods are, with poles at distance π/(aσ) from the real axis) the trapezoid rule on
/// the real line converges geometrically, with error ≈ exp(−2π²/(aσ·h)); with h = 0.2 that is
/// below 1e−10 for aσ ≤ 4 and about 1e−5 at aσ = 8. Truncation at ±6 loses ≈ 2e−9 of mass.
/// Uniform spacing also turns `e^(−a(θ_k − b))` into a geometric sequence, so an update needs
/// two `exp` calls instead of one per node (see ``SequentialUpdater``).
struct StandardGrid: Sendable {
    /// Nodes on the z scale.
    let nodes: [Double]
    /// Normalised normal weights, Σ w = 1.
    let weights: [Double]
    /// Spacing h.
    let spacing: Double

    /// `count` ≥ 2 nodes spread evenly over [−halfWidth, halfWidth].
    /// The nodes are finally rescaled by a factor 1 + O(1e−8) so that Σ w·z² = 1 exactly (Σ w·z = 0
    /// by symmetry): the rule then reproduces the prior's mean and variance to rounding, and an
    /// uninformative response leaves a normal prior exactly where it was.
    init(count: Int, halfWidth: Double) {
        let n = max(count, 2)
        let h = 2 * halfWidth / Double(n - 1)
        let z = (0..<n).map { -halfWidth + Double($0) * h }
        let raw = z.map { exp(-0.5 * $0 * $0) }
        let total = raw.reduce(0, +)
        let w = raw.map { $0 / total }
        let secondMoment = zip(w, z).reduce(0) { $0 + $1.0 * $1.1 * $1.1 }
        let stretch = 1 / secondMoment.squareRoot()
        nodes = z.map { $0 * stretch }
        weights = w
        spacing = h * stretch
    }
}
