/// Item exposure control by the restricted method of Revuelta & Ponsoda (1998), with a limit that
/// rises with the student's precision (multiple maximum exposure rates, Barrada, Veldkamp & Olea,
/// 2009) and, optionally, their progressive random component.
///
/// **Restricted**: an item whose current exposure rate (fraction of the active students who were
/// served it) has reached the limit is not eligible; if that leaves no eligible item the limit is
/// relaxed to `maxRate`, and if that too leaves none the restriction is dropped for this selection
/// (the test goes on rather than stopping). The limit is `maxRate` for a student whose ability is
/// settled, and `openingShare × maxRate` for one who has only the population prior, rising
/// linearly with the progress p below. Without the lower opening limit the items that are best
/// at the prior mean are spent on everyone's first items, where the ability is barely known;
/// holding them back for students whose estimate is settled buys back part of the precision the
/// restriction costs (0.6 to 0.9 points of the θ RMSE ratio to pure maximum information, SE 0.3,
/// over 60 simulated 500-item CATs at R = 0.3; see ``defaultOpeningShare``).
///
/// **Progressive** (optional): each remaining item's information I is mixed with a uniform U on
/// [0, 1), `W = (1 − p)·U·H + p·I`, H the largest information among the candidates, so a new
/// student's first items are spread over the bank. It is meant to lower the overlap between
/// students' tests (not measured here); it cost about 1 point of the RMSE ratio at R = 0.3 over
/// the same 60 simulations, so it is off by default.
///
/// **Progress** p: Revuelta & Ponsoda use s/Q (items given over test length), which needs a
/// length; practice is open-ended, so p is the share gathered so far of the information that
/// takes the N(0, 1) population prior (the scale items are calibrated on) to a posterior SD of
/// `settledSD`: `p = (1/σ² − 1) / (1/settledSD² − 1)`, clamped to [0, 1]. A returning student
/// with a precise estimate is settled at once; when the server widens the variance for elapsed
/// time, the lower limit (and randomness) return with the uncertainty.
///
/// Why this method: the server runs open-ended practice with no offline pre-simulation and knows
/// each item's observed exposure rate. The restriction needs nothing else, and it caps exposure
/// directly: with the running rate served / simulees so far (the current one included), no item
/// ends a simulation above ⌈R·N⌉/N of N simulees. Sympson–Hetter needs exposure parameters fitted
/// by iterated simulations of the whole population before use (in a trial on four simulated
/// banks, so fitted, it cost as much precision as the restriction and still let exposure reach
/// 0.32 for R = 0.3); a-stratification moves through strata at fixed points of a fixed-length
/// test and bounds exposure only indirectly. Neither fits open-ended practice.
///
/// What it costs: capping exposure takes the few exceptional items (a ≈ 2.5 in a 500-item bank)
/// away from most students, and none of the rules tried (progressive, price-like penalties near
/// the limit, posterior-weighted information, Sympson–Hetter) gave that precision back. At R = 0.3 the θ
/// RMSE of a 20-item CAT rose by 4.7 % on average (SE 0.25 %) over 60 simulated banks, and by
/// more than 5 % in 23 of them; at R = 0.5 by 1.5 %, at R = 0.2 by 9 %.
///
/// The restriction is feasible only if R is at least the mean number of items a student sees
/// divided by the pool size; below that every item reaches R and selection falls back to pure
/// information.
public struct ExposureControl: Sendable, Hashable {
    /// R: no item is served once its exposure rate has reached this.
    public let maxRate: Double
    /// The limit for a student with only the population prior, as a share of `maxRate`
    /// (1 = the plain restricted method, one limit for everyone).
    public let openingShare: Double
    /// Posterior SD at which a student counts as settled: limit `maxRate`, no random component.
    public let settledSD: Double
    /// Whether to mix the progressive random component into the scores.
    public let progressive: Bool

    /// Default opening share. In 60 simulated 500-item CATs at R = 0.3 with common responses,
    /// opening shares 0.5 to 0.8 with settled SDs 0.4 to 0.6 lowered the RMSE ratio to pure
    /// maximum information by 0.5 to 0.9 points against the plain restriction (SE 0.3); settled
    /// SD 0.7 gained less. 0.7 and 0.6 sit in the middle of the good range.
    public static let defaultOpeningShare = 0.7
    /// Default settled SD; see ``defaultOpeningShare``. About four items of a 500-item bank.
    public static let defaultSettledSD = 0.6

    /// Creates a control: `maxRate` in (0, 1], `openingShare` in (0, 1], `settledSD` in (0, 1)
    /// (below the prior SD, or there would be no progress to make).
    ///
    /// With `maxRate == 1` only an item every active student has been served is held back.
    public init(
        maxRate: Double, openingShare: Double = defaultOpeningShare, settledSD: Double = defaultSettledSD,
        progressive: Bool = false
    ) throws(ExposureControlError) {
        guard maxRate > 0, maxRate <= 1 else { throw .invalidMaxRate(maxRate) }
        guard openingShare > 0, openingShare <= 1 else { throw .invalidOpeningShare(openingShare) }
        guard settledSD > 0, settledSD < 1 else { throw .invalidSettledSD(settledSD) }
        self.maxRate = maxRate
        self.openingShare = openingShare
        self.settledSD = settledSD
        self.progressive = progressive
    }

    /// Progress p in [0, 1] of a student at `ability` from the population prior to settled.
    public func progress(at ability: AbilityEstimate) -> Double {
        guard ability.variance > 0 else { return 1 }
        let gathered = 1 / ability.variance - 1
        let needed = 1 / (settledSD * settledSD) - 1
        return min(max(gathered / needed, 0), 1)
    }

    /// The exposure limit for a student at `ability`: from `openingShare × maxRate` up to `maxRate`.
    public func limit(at ability: AbilityEstimate) -> Double {
        guard openingShare < 1 else { return maxRate }
        return maxRate * (openingShare + (1 - openingShare) * progress(at: ability))
    }

    /// Weight of information against the random component: p with the progressive component,
    /// otherwise 1 (pure information).
    func informationWeight(at ability: AbilityEstimate) -> Double {
        progressive ? progress(at: ability) : 1
    }

    /// Whether an item with exposure `rate` is under `limit` (`rate < limit`). A NaN rate (one
    /// that could not be computed) counts as unexposed.
    @inline(__always)
    static func admits(_ rate: Double, under limit: Double) -> Bool {
        !(rate >= limit)
    }
}

/// Why an ``ExposureControl`` could not be created.
public enum ExposureControlError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The maximum exposure rate is not in (0, 1].
    case invalidMaxRate(Double)
    /// The opening share is not in (0, 1].
    case invalidOpeningShare(Double)
    /// The settled SD is not in (0, 1).
    case invalidSettledSD(Double)

    /// A sentence for logs and command-line output.
    public var description: String {
        switch self {
        case .invalidMaxRate(let r): "the maximum exposure rate must be in (0, 1], got \(r)"
        case .invalidOpeningShare(let s): "the opening share of the exposure limit must be in (0, 1], got \(s)"
        case .invalidSettledSD(let sd): "the settled posterior SD must be in (0, 1), got \(sd)"
        }
    }
}
