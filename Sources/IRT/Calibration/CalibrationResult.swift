/// Standard errors of item parameter estimates (nil for a parameter that was not estimated).
public struct ParameterErrors: Sendable, Hashable, Codable {
    /// SE of a.
    public var a: Double
    /// SE of b.
    public var b: Double
    /// SE of c (nil under the 2PL).
    public var c: Double?

    /// Creates standard errors.
    public init(a: Double, b: Double, c: Double?) {
        self.a = a
        self.b = b
        self.c = c
    }
}

/// The outcome of calibration for one item.
public enum CalibratedItem: Sendable, Hashable {
    /// Estimated parameters (posterior mode), their standard errors and the number of responses.
    case estimated(ItemParameters, standardErrors: ParameterErrors, sampleSize: Int)
    /// An anchor: parameters held fixed as given.
    case anchored(ItemParameters, sampleSize: Int)
    /// Fewer responses than `minimumResponses`: no estimate is given, and the item's responses
    /// were left out so they could not distort anyone's ability.
    case insufficientData(sampleSize: Int)

    /// Parameters when estimated or anchored.
    public var parameters: ItemParameters? {
        switch self {
        case .estimated(let p, _, _), .anchored(let p, _): p
        case .insufficientData: nil
        }
    }

    /// Number of responses to the item in the data.
    public var sampleSize: Int {
        switch self {
        case .estimated(_, _, let n), .anchored(_, let n), .insufficientData(let n): n
        }
    }

    /// Standard errors when estimated.
    public var standardErrors: ParameterErrors? {
        if case .estimated(_, let se, _) = self { return se }
        return nil
    }
}

/// Result of an MML/EM calibration run.
public struct CalibrationResult: Sendable {
    /// One entry per item, in item index order.
    public var items: [CalibratedItem]
    /// EM iterations performed.
    public var iterations: Int
    /// Whether the largest parameter change fell below the tolerance.
    public var converged: Bool
    /// Largest parameter change in the last iteration.
    public var finalChange: Double
    /// Marginal log-likelihood at the last E-step (without the prior terms).
    public var logLikelihood: Double
    /// Latent mean (0 unless anchors set the scale).
    public var latentMean: Double
    /// Latent SD (1 unless anchors set the scale).
    public var latentSD: Double
}
