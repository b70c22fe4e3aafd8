/// How many pretest items got each ``PretestDecision/Reason``.
public struct PretestDecisionCounts: Sendable, Hashable, Codable {
    /// Items per reason.
    public var promote = 0
    public var needsMoreResponses = 0
    public var imprecise = 0
    public var stalled = 0
    public var implausible = 0

    /// Adds one decision.
    mutating func record(_ reason: PretestDecision.Reason) {
        switch reason {
        case .promote: promote += 1
        case .needsMoreResponses: needsMoreResponses += 1
        case .imprecise: imprecise += 1
        case .stalled: stalled += 1
        case .implausibleParameters: implausible += 1
        }
    }

    enum CodingKeys: String, CodingKey {
        case promote, imprecise, stalled, implausible
        case needsMoreResponses = "needs_more_responses"
    }
}

/// How well one calibration recovered the pretest items, and what ``PretestPromotion`` made of it.
/// Error summaries cover the sound items only; flawed items (see
/// ``PretestSimulationConfiguration/flawedShare``) enter only the decision counts.
public struct PretestRecovery: Sendable, Hashable, Codable {
    /// Sound pretest items with an estimate (the others had too few responses for the calibrator).
    public var itemsEvaluated: Int
    /// RMSE and mean error (b̂ − b) of b over the evaluated items.
    public var rmseB: Double
    public var biasB: Double
    /// RMSE of a and of c.
    public var rmseA: Double
    public var rmseC: Double
    /// Mean reported SE(b).
    public var meanSEB: Double
    /// √mean ((b̂ − b)/SE(b))²: 1 when the reported SEs are honest, above 1 when they are too small.
    public var zRMSB: Double
    /// Share of items whose b lies within b̂ ± 1.96·SE(b) (0.95 when the SEs are honest).
    public var coverageB: Double
    /// Decisions of the promotion rule on the sound items and on the flawed ones.
    public var sound: PretestDecisionCounts
    public var flawed: PretestDecisionCounts
    /// RMSE of b over the promoted sound items only (0 when none): the error that enters the bank.
    public var rmseBPromoted: Double
    /// Latent mean and SD estimated on the anchors' scale (the simulees are N(0, 1)).
    public var latentMean: Double
    public var latentSD: Double
    /// EM iterations and convergence.
    public var iterations: Int
    public var converged: Bool

    enum CodingKeys: String, CodingKey {
        case sound, flawed, iterations, converged
        case itemsEvaluated = "items_evaluated"
        case rmseB = "rmse_b"
        case biasB = "bias_b"
        case rmseA = "rmse_a"
        case rmseC = "rmse_c"
        case meanSEB = "mean_se_b"
        case zRMSB = "z_rms_b"
        case coverageB = "coverage_b"
        case rmseBPromoted = "rmse_b_promoted"
        case latentMean = "latent_mean"
        case latentSD = "latent_sd"
    }
}

/// One row of the pretest simulation: the data after enough sessions for a target number of
/// responses per pretest item, calibrated with true and with perturbed anchors.
public struct PretestSampleResult: Sendable, Hashable, Codable {
    /// Target responses per pretest item.
    public var responsesPerItem: Int
    /// Sessions (simulees) needed for it: ⌈target · pretest items / pretest items per session⌉.
    public var sessions: Int
    /// Mean and smallest actual number of responses to a pretest item.
    public var meanResponses: Double
    public var minimumResponses: Int
    /// Calibration with the operational items anchored at their true parameters.
    public var trueAnchors: PretestRecovery
    /// The same responses calibrated with anchors perturbed by calibration-sized errors; nil when
    /// both anchor errors are 0.
    public var perturbedAnchors: PretestRecovery?
    /// θ RMSE of these sessions' simulees with pretest items seeded, and in the same sessions
    /// run without them.
    public var thetaRMSE: Double
    public var thetaRMSEWithoutPretest: Double

    enum CodingKeys: String, CodingKey {
        case sessions
        case responsesPerItem = "responses_per_item"
        case meanResponses = "mean_responses"
        case minimumResponses = "min_responses"
        case trueAnchors = "true_anchors"
        case perturbedAnchors = "perturbed_anchors"
        case thetaRMSE = "theta_rmse"
        case thetaRMSEWithoutPretest = "theta_rmse_without_pretest"
    }
}

/// Everything ``PretestSimulation`` measured.
public struct PretestSimulationResult: Sendable, Hashable, Codable {
    /// Operational and pretest bank sizes (flawed pretest items among them), operational items
    /// per session, pretest rate.
    public var operationalItems: Int
    public var pretestItems: Int
    public var flawedItems: Int
    public var length: Int
    public var rate: Double
    /// Pretest items served in every session (the session serves length + this many items).
    public var pretestPerSession: Int
    /// Ability estimator of the sessions.
    public var estimator: CATEstimator
    /// SDs of the errors added to the anchors' b and log a in the perturbed variant.
    public var anchorBError: Double
    public var anchorLogAError: Double
    /// One row per target number of responses per pretest item, ascending.
    public var rows: [PretestSampleResult]
    /// Largest |θ̂ with pretest − θ̂ without| over all simulees: 0 when pretest answers leave θ alone.
    public var maxThetaDifference: Double
    /// Wall-clock seconds for the whole simulation.
    public var seconds: Double

    enum CodingKeys: String, CodingKey {
        case length, rate, estimator, rows, seconds
        case operationalItems = "operational_items"
        case pretestItems = "pretest_items"
        case flawedItems = "flawed_items"
        case pretestPerSession = "pretest_per_session"
        case anchorBError = "anchor_b_error"
        case anchorLogAError = "anchor_log_a_error"
        case maxThetaDifference = "max_theta_difference"
    }
}
