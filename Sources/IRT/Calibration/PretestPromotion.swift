/// What ``PretestPromotion`` decided about one pretest item, with the reason the server stores
/// and shows next to the item.
public struct PretestDecision: Sendable, Hashable, Codable {
    /// Why the item is or is not promoted; the raw values are the codes the server stores.
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        /// Enough responses, a precise b and plausible parameters: the item becomes operational.
        case promote
        /// Fewer responses than the minimum: keep serving it as a pretest item.
        case needsMoreResponses = "needs_more_responses"
        /// Enough responses, but SE(b) is still above the limit: keep serving it.
        case imprecise
        /// SE(b) is still above the limit after `maximumResponses`: more responses are unlikely
        /// to help (typically a flat item, see ``PretestPromotion``); stop serving it and review it.
        case stalled
        /// Enough responses, and a parameter lies outside its plausible range: a person should
        /// review the item; more responses will not fix it.
        case implausibleParameters = "implausible_parameters"
    }

    /// The verdict.
    public var reason: Reason
    /// Parameters outside their plausible ranges (only for `.implausibleParameters`), a, b, c order.
    public var implausible: [ItemParameterName]
    /// Responses still missing to reach the minimum (only for `.needsMoreResponses`, else 0).
    public var responsesNeeded: Int

    /// Creates a decision.
    public init(reason: Reason, implausible: [ItemParameterName] = [], responsesNeeded: Int = 0) {
        self.reason = reason
        self.implausible = implausible
        self.responsesNeeded = responsesNeeded
    }

    /// Whether the item is promoted to operational.
    public var isPromoted: Bool { reason == .promote }

    /// Whether the item stays a pretest item and keeps being served (needs more responses or is
    /// imprecise); false once it is promoted or sent for review.
    public var continuesPretest: Bool { reason == .needsMoreResponses || reason == .imprecise }

    enum CodingKeys: String, CodingKey {
        case reason, implausible
        case responsesNeeded = "responses_needed"
    }
}

/// The rule that promotes a pretest item to the operational bank after its calibration.
///
/// A pretest item is served in practice without moving anyone's θ, and the `recalibrate` job
/// estimates it by MML with the operational items anchored. This rule reads that estimate and
/// answers, in this order:
///
/// 1. **needs more responses** — fewer than `minimumResponses` (or the calibrator reported
///    insufficient data). Checked first because below the minimum the estimates of a and c are
///    still mostly their priors', so the other checks would judge the prior, not the item.
/// 2. **implausible parameters** — a outside `discrimination`, b outside `difficulty`, c outside
///    `guessing`, or anything not finite. With enough responses these describe the item, not the
///    sample: a flat item (low a) barely separates strong from weak students, usually an ambiguous
///    stem or a second defensible option; a high c is a give-away option; a b beyond ±4 lies where
///    almost no student is, so its estimate is mostly the prior's. Checked before precision
///    because such items also have a wide SE(b). Stop serving, review.
/// 3. **imprecise** — SE(b) above `maximumSEB` (an infinite or NaN SE counts as above): keep
///    serving, more responses narrow it. **stalled** — the same at `maximumResponses` or more:
///    stop serving, review. The cap exists because the a prior (log a ~ N(0, 0.5²)) holds the
///    estimate of a flat item's a above the a floor for a long time — in the simulation items with
///    true a ≤ 0.3 were estimated at a ≈ 0.3–0.7 even after 800 responses — so such items are
///    caught by their SE(b), which stays wide, and without a cap would be served forever.
/// 4. **promote**.
///
/// Only b's precision is required: b decides where the item is used (selection is driven by
/// information near b). a and c are only checked for plausibility, since at a few hundred
/// responses their estimates still lean on their priors (in the simulation RMSE of a 0.26 at 200
/// responses, 0.17 at 800). The SE used is the calibrator's, which treats the anchors and the
/// latent distribution as known; `genta simulate pretest` checks that it is honest for pretest items.
///
/// Defaults, from `genta simulate pretest --pretest-items 200` (300 anchored operational items,
/// pretest items seeded at 1 in 10 into 30-item sessions, θ ~ N(0, 1), a tenth of the pretest
/// items flat; the table is in docs/IRT.md):
/// - `maximumSEB` 0.3 does most of the work. It is about the typical SE(b) at 200 responses; the
///   items it passed entered the bank with a b error (RMSE) of 0.20 at 200 responses, 0.19 at
///   400, 0.16 at 800, and no flat item ever passed it (their SE(b) stays ≈ 0.5–1). The reported
///   SE(b) is honest, if slightly cautious while the priors still weigh: √mean((b̂ − b)/SE)² was
///   0.83–0.96 and ±1.96 SE covered 95–97 % of the true b.
/// - `minimumResponses` 200: without a minimum the b rule alone promoted a third of the sound
///   items at 100 responses, with a b error of 0.24 instead of 0.20, and still no flat item. So
///   the minimum buys a little precision, costs at most one recalibration, and guards against
///   what a simulation with a true model lacks: a mis-keyed or two-dimensional item fits the 3PL
///   badly, and the server's item analysis (flags from 30 students) should have seen several
///   times its sample before an item counts.
/// - `maximumResponses` 1000: by then 93 % of the sound items were promoted; the few still
///   imprecise (SE(b) just above 0.3) lie far from the students (|b| > 2) or discriminate weakly
///   (a < 0.9), which a reviewer can promote by hand, while every flat item reaching it was
///   stalled or implausible rather than taking pretest slots for ever.
/// - `discrimination` 0.3 … 3.0, `guessing` 0 … 0.35 (five options guess at 0.2), `difficulty`
///   −4 … 4: conventional limits. The a prior keeps most flat items' â above 0.3 for a long time
///   (half of them still at 1600 responses), which is why the cap above is needed.
public struct PretestPromotion: Sendable, Hashable, Codable {
    /// Responses needed before any other check (default 200).
    public var minimumResponses: Int
    /// Largest acceptable standard error of b (default 0.3).
    public var maximumSEB: Double
    /// Responses after which an imprecise item is `stalled` rather than served on (default 1000).
    public var maximumResponses: Int
    /// Plausible range of a (default 0.3 … 3.0).
    public var discrimination: ClosedRange<Double>
    /// Plausible range of b (default −4 … 4).
    public var difficulty: ClosedRange<Double>
    /// Plausible range of c (default 0 … 0.35).
    public var guessing: ClosedRange<Double>

    /// Creates the rule; see each property for its default.
    public init(
        minimumResponses: Int = 200, maximumSEB: Double = 0.3, maximumResponses: Int = 1000,
        discrimination: ClosedRange<Double> = 0.3...3.0, difficulty: ClosedRange<Double> = -4...4,
        guessing: ClosedRange<Double> = 0...0.35
    ) {
        self.minimumResponses = minimumResponses
        self.maximumSEB = maximumSEB
        self.maximumResponses = maximumResponses
        self.discrimination = discrimination
        self.difficulty = difficulty
        self.guessing = guessing
    }

    /// The decision for one item of a calibration; nil for an anchored item, which was held
    /// fixed and so has no estimate to judge.
    public func decide(_ item: CalibratedItem) -> PretestDecision? {
        switch item {
        case .estimated(let parameters, let errors, let n):
            decide(parameters: parameters, standardErrors: errors, sampleSize: n)
        case .insufficientData(let n):
            PretestDecision(reason: .needsMoreResponses, responsesNeeded: max(minimumResponses - n, 1))
        case .anchored:
            nil
        }
    }

    /// The decision for an estimate with its standard errors and number of responses.
    public func decide(parameters: ItemParameters, standardErrors: ParameterErrors, sampleSize: Int) -> PretestDecision {
        if sampleSize < minimumResponses {
            return PretestDecision(reason: .needsMoreResponses, responsesNeeded: minimumResponses - sampleSize)
        }
        var implausible: [ItemParameterName] = []
        if !(parameters.a.isFinite && discrimination.contains(parameters.a)) { implausible.append(.a) }
        if !(parameters.b.isFinite && difficulty.contains(parameters.b)) { implausible.append(.b) }
        if !(parameters.c.isFinite && guessing.contains(parameters.c)) { implausible.append(.c) }
        if !implausible.isEmpty {
            return PretestDecision(reason: .implausibleParameters, implausible: implausible)
        }
        // Written so that a NaN standard error also counts as too wide.
        guard standardErrors.b <= maximumSEB else {
            return PretestDecision(reason: sampleSize >= maximumResponses ? .stalled : .imprecise)
        }
        return PretestDecision(reason: .promote)
    }
}
