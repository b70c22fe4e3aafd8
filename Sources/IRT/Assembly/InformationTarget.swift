/// Where a fixed form has to measure well: ability points θ_k with relative weights w_k.
///
/// A fixed form is sat by everyone, so unlike a CAT it cannot aim at one student: it has to be
/// precise over the whole range in which its scores are used, and the assembler maximises
/// information at these points (see ``AssemblyObjective``). A handful of points is enough: test
/// information is a smooth curve, so a form strong at −1, −0.5, …, 2.5 is strong between them.
///
/// The weights are normalised to sum to 1 when the target is created, so the weighted
/// information of a form is a weighted mean and forms assembled against different targets stay
/// comparable.
public struct InformationTarget: Sendable, Hashable {
    /// Ability points, in the order given.
    public let points: [Double]
    /// Weight of each point, normalised to sum to 1.
    public let weights: [Double]

    /// A target with the given points and weights (equal weights when `weights` is nil).
    ///
    /// Nil when there are no points, a point is not finite, the weights do not match the points
    /// in number, a weight is negative or not finite, or all weights are 0: such a target has no
    /// meaning, and rejecting it here lets the assembler assume a valid one.
    public init?(points: [Double], weights: [Double]? = nil) {
        guard !points.isEmpty, points.allSatisfy(\.isFinite) else { return nil }
        let raw = weights ?? [Double](repeating: 1, count: points.count)
        guard raw.count == points.count, raw.allSatisfy({ $0.isFinite && $0 >= 0 }) else { return nil }
        let total = raw.reduce(0, +)
        guard total > 0, total.isFinite else { return nil }
        self.points = points
        self.weights = raw.map { $0 / total }
    }

    /// θ = −1, −0.5, …, 2.5 with equal weights: the range where university admission decisions
    /// are made. Competitive programmes select from the upper part of the N(0, 1) calibration
    /// scale, so a fine distinction at θ = −2 changes no decision; above 2.5 lie only 0.6 % of
    /// candidates, too few to spend items on.
    public static let admissionRange = InformationTarget(
        validatedPoints: Array(stride(from: -1.0, through: 2.5, by: 0.5)))

    /// Equal weights on points known to be finite and non-empty.
    private init(validatedPoints points: [Double]) {
        self.points = points
        weights = [Double](repeating: 1 / Double(points.count), count: points.count)
    }

    /// Σ_k w_k·I(θ_k) of a test whose information at θ_k is `information[k]`.
    func weightedSum(_ information: [Double]) -> Double {
        var sum = 0.0
        for k in 0..<min(weights.count, information.count) { sum += weights[k] * information[k] }
        return sum
    }
}
