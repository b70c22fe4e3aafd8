/// A normal summary of what is known about one ability θ: posterior mean and variance.
///
/// The server stores exactly these two numbers per student and section; they are the prior for
/// the next response (see ``SequentialUpdater``). For mode estimates (MAP, MLE) `mean` is the mode
/// and `variance` the inverse of the information at it.
public struct AbilityEstimate: Sendable, Hashable, Codable {
    /// Posterior mean (or mode) of θ.
    public var mean: Double
    /// Posterior variance of θ; never negative.
    public var variance: Double

    /// Creates an estimate; a negative variance is stored as 0.
    public init(mean: Double, variance: Double) {
        self.mean = mean
        self.variance = max(variance, 0)
    }

    /// Posterior standard deviation √variance (the standard error of the estimate).
    public var sd: Double { variance.squareRoot() }

    /// The population prior N(0, 1) on which item parameters are calibrated.
    public static let standardPrior = AbilityEstimate(mean: 0, variance: 1)
}

/// One scored response to an item, the unit of response history.
public struct ItemResponse: Sendable, Hashable, Codable {
    /// Parameters of the item answered.
    public var item: ItemParameters
    /// Whether the answer was correct.
    public var correct: Bool

    /// Creates a scored response.
    public init(item: ItemParameters, correct: Bool) {
        self.item = item
        self.correct = correct
    }
}
