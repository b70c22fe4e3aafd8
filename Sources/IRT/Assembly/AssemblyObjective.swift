/// What "best" means when the assembler compares two forms, both judged at the points of an
/// ``InformationTarget`` with information `I_k = Σ_items I_i(θ_k)`.
public enum AssemblyObjective: Sendable, Hashable, Codable {
    /// Maximise the weighted test information `Σ_k w_k·I_k`.
    ///
    /// The classic objective. It is additive over items (each item contributes its own weighted
    /// information), so within a sub type the best form is simply the most informative items and
    /// the greedy pass already finds it; the swap pass then only confirms it. Its weakness: it
    /// happily piles information where it is cheapest (near the bulk of the pool's difficulties)
    /// and leaves the ends of the target range thin.
    case totalInformation

    /// Minimise `Σ_k w_k / (1 + I_k)`: the weighted mean, over the target points, of the
    /// approximate posterior variance of θ under the N(0, 1) prior (precision 1 + information).
    ///
    /// It has diminishing returns where the form is already precise, so it spreads information
    /// across the target range and evens out the standard error, at the price of a little total
    /// information. Not additive: here the greedy pass is only a start and the swap pass does
    /// real work.
    case posteriorVariance

    /// The value to maximise for a form whose information at the target points is `information`.
    func value(_ information: [Double], weights: [Double]) -> Double {
        var sum = 0.0
        for k in 0..<min(weights.count, information.count) { sum += term(information[k], weight: weights[k]) }
        return sum
    }

    /// One target point's contribution to ``value(_:weights:)``; shared with the search so that
    /// both evaluate the objective with the same formula.
    @inline(__always)
    func term(_ information: Double, weight: Double) -> Double {
        switch self {
        case .totalInformation: weight * information
        // Clamped: removing an item in the swap search can leave −1e−17 where 0 is meant.
        case .posteriorVariance: -weight / (1 + max(information, 0))
        }
    }
}
