/// An item that may be administered next: an identifier, its calibrated parameters and an
/// optional content sub type (e.g. "penalaran-induktif") used for content balancing.
public struct ItemCandidate<ID: Hashable & Sendable>: Sendable, Hashable {
    /// The caller's identifier for the item (database id, index, …).
    public var id: ID
    /// Calibrated 3PL parameters.
    public var parameters: ItemParameters
    /// Content sub type, or nil when the item is not classified.
    public var subtype: String?

    /// Creates a candidate.
    public init(id: ID, parameters: ItemParameters, subtype: String? = nil) {
        self.id = id
        self.parameters = parameters
        self.subtype = subtype
    }
}

/// How candidates are scored for selection.
public enum SelectionCriterion: Sendable, Hashable, Codable {
    /// Fisher information at the current ability mean (the classic CAT rule).
    case maximumInformation
    /// Fisher information averaged over the ability posterior N(mean, variance), ∫ I(θ) p(θ) dθ,
    /// computed on 31 nodes over ±5 SD. Early in a test, when the posterior is wide, it prefers
    /// items that are informative over the whole plausible range rather than at one point.
    case posteriorWeightedInformation
}
