/// Which item response model to calibrate.
public enum IRTModel: String, Sendable, Hashable, Codable, CaseIterable {
    /// Two-parameter logistic: a, b (c fixed at 0).
    case twoPL = "2pl"
    /// Three-parameter logistic: a, b, c.
    case threePL = "3pl"
}

/// Prior distributions on item parameters; calibration returns their joint posterior mode.
///
/// Defaults follow the conventions of BILOG-MG-style MML programs:
/// - `log a ~ N(0, 0.5²)` (a median 1, 95 % within 0.38…2.7), applied on the log scale (the
///   estimate is the posterior mode of log a). With `floatLogAMean` (BILOG-MG's FLOAT, off by
///   default) the prior mean instead follows the mean log a of the items being estimated after
///   every EM iteration, so it shrinks toward the bank's typical discrimination rather than 1.
///   In our recovery runs neither setting won consistently (FLOAT helped small 2PL samples and
///   hurt 3PL ones), so the conventional fixed prior is the default;
/// - `b ~ N(0, 2²)`, nearly flat over the usable range but keeping items everyone (or no one)
///   answers correctly finite;
/// - `c ~ Beta(5, 17)`, i.e. Beta(20p + 1, 20(1 − p) + 1) with p = 1/5 for five-option items
///   (UTBK has five options): mode 0.2.
public struct ItemPriors: Sendable, Hashable, Codable {
    /// Mean of log a.
    public var logAMean: Double
    /// SD of log a.
    public var logASD: Double
    /// Mean of b.
    public var bMean: Double
    /// SD of b.
    public var bSD: Double
    /// Beta α for c (≥ 1 keeps the log-prior concave).
    public var cAlpha: Double
    /// Beta β for c (≥ 1).
    public var cBeta: Double
    /// Whether the mean of the log a prior is re-estimated from the items (needs ≥ 5 free items).
    public var floatLogAMean: Bool

    /// Creates priors with the documented defaults.
    public init(
        logAMean: Double = 0, logASD: Double = 0.5, bMean: Double = 0, bSD: Double = 2,
        cAlpha: Double = 5, cBeta: Double = 17, floatLogAMean: Bool = false
    ) {
        self.logAMean = logAMean
        self.logASD = logASD
        self.bMean = bMean
        self.bSD = bSD
        self.cAlpha = cAlpha
        self.cBeta = cBeta
        self.floatLogAMean = floatLogAMean
    }

    /// Mode of the c prior, (α − 1)/(α + β − 2), used as the starting value of c.
    var cMode: Double {
        let denominator = cAlpha + cBeta - 2
        return denominator > 0 ? min(max((cAlpha - 1) / denominator, 0.01), 0.5) : 0.2
    }
}

/// Settings of marginal maximum-likelihood calibration.
public struct CalibrationOptions: Sendable {
    /// Model to fit.
    public var model: IRTModel
    /// Item parameter priors.
    public var priors: ItemPriors
    /// Quadrature nodes for the latent distribution (default 32, evenly spaced, h ≈ 0.32). In
    /// recovery checks 32, 41 and 61 nodes gave RMSEs equal to within 0.0005, while 21 nodes
    /// were clearly worse; 32 fills exactly two 16-node blocks of the E-step kernel.
    public var quadratureNodes: Int
    /// Nodes span ±this many latent SDs (default 5).
    public var quadratureHalfWidth: Double
    /// EM iteration limit (default 500).
    public var maxIterations: Int
    /// Convergence: largest change of any free parameter (a, b, c; latent mean and SD when
    /// anchored) between iterations below this (default 1e−4).
    public var tolerance: Double
    /// Items with fewer responses are reported as insufficient data and left out (default 30).
    public var minimumResponses: Int
    /// Items held fixed at these parameters (index → parameters). With anchors, the latent mean
    /// and SD are estimated on the anchors' scale instead of being fixed at N(0, 1).
    public var anchors: [Int: ItemParameters]
    /// Persons are split across this many worker threads in the E-step (1 = single-threaded).
    public var threads: Int
    /// The latent distribution held fixed, e.g. at what an anchored run estimated: then every
    /// item can be free and the estimates stay on that run's scale (fixed-population
    /// calibration). Nil: N(0, 1) without anchors, estimated with them.
    public var fixedLatent: LatentDistribution?

    /// Creates options; see each property for its default.
    public init(
        model: IRTModel = .threePL, priors: ItemPriors = ItemPriors(), quadratureNodes: Int = 32,
        quadratureHalfWidth: Double = 5, maxIterations: Int = 500, tolerance: Double = 1e-4,
        minimumResponses: Int = 30, anchors: [Int: ItemParameters] = [:], threads: Int = 1,
        fixedLatent: LatentDistribution? = nil
    ) {
        self.fixedLatent = fixedLatent
        self.model = model
        self.priors = priors
        self.quadratureNodes = quadratureNodes
        self.quadratureHalfWidth = quadratureHalfWidth
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.minimumResponses = minimumResponses
        self.anchors = anchors
        self.threads = threads
    }
}

/// A normal latent (ability) distribution N(mean, sd²).
public struct LatentDistribution: Sendable, Hashable, Codable {
    public var mean: Double
    public var sd: Double

    /// Creates a distribution; an SD that is not positive and finite becomes 1.
    public init(mean: Double, sd: Double) {
        self.mean = mean.isFinite ? mean : 0
        self.sd = sd.isFinite && sd > 0 ? sd : 1
    }
}
