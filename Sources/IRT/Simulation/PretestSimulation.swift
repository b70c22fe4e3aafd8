import Foundation

/// Settings of a pretest (online calibration) simulation.
public struct PretestSimulationConfiguration: Sendable {
    /// Operational items, generated from ``BankDistribution`` (default 300).
    public var operationalItems: Int
    /// Pretest items, from the same distribution (default 50).
    public var pretestItems: Int
    /// Share of the pretest items that are flawed: their a is replaced by one drawn uniformly
    /// from 0.1 … 0.3, a nearly flat item of the kind a review should catch (default 0.1).
    public var flawedShare: Double
    /// Operational items per session (default 30); pretest items come on top.
    public var length: Int
    /// Share of served items that are pretest items, in (0, 0.5] (default 0.1: every 10th served
    /// item; see ``PretestSchedule``). The server caps it at 0.1; higher rates are for quick studies.
    public var rate: Double
    /// Targets of responses per pretest item, one table row each (default 100 … 1600, doubling).
    public var responsesPerItem: [Int]
    /// Operational item selection (default maximum information).
    public var selector: ItemSelector
    /// Ability estimator of the sessions (default the server's sequential update).
    public var estimator: CATEstimator
    /// SD of the error added to each anchor's b, and to its log a, in the perturbed-anchor
    /// variant (default 0.1 each: the SEs of items calibrated on several hundred responses).
    public var anchorBError: Double
    public var anchorLogAError: Double
    /// The rule whose decisions are counted.
    public var promotion: PretestPromotion
    /// Calibration settings; their `anchors` are replaced by the operational items.
    public var calibration: CalibrationOptions

    /// Creates a configuration; see each property for its default.
    public init(
        operationalItems: Int = 300, pretestItems: Int = 50, flawedShare: Double = 0.1, length: Int = 30,
        rate: Double = 0.1,
        responsesPerItem: [Int] = [100, 200, 400, 800, 1600], selector: ItemSelector = ItemSelector(),
        estimator: CATEstimator = .sequential, anchorBError: Double = 0.1, anchorLogAError: Double = 0.1,
        promotion: PretestPromotion = PretestPromotion(), calibration: CalibrationOptions = CalibrationOptions()
    ) {
        self.operationalItems = operationalItems
        self.pretestItems = pretestItems
        self.flawedShare = flawedShare
        self.length = length
        self.rate = rate
        self.responsesPerItem = responsesPerItem
        self.selector = selector
        self.estimator = estimator
        self.anchorBError = anchorBError
        self.anchorLogAError = anchorLogAError
        self.promotion = promotion
        self.calibration = calibration
    }
}

/// A configuration the simulation cannot run, with the reason.
public struct PretestSimulationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    public var description: String { message }
}

/// Online calibration of pretest items, simulated end to end.
///
/// 1. An operational bank and a pretest bank are drawn from ``BankDistribution`` (3PL), a share
///    of the pretest items made flat (a from 0.1 … 0.3, the items the rule must not promote), and
///    simulees with θ ~ N(0, 1).
/// 2. Each simulee takes one adaptive practice session (``PretestSessions``): `length`
///    operational items by maximum information, θ updated after each; every (1/rate)-th served
///    item is a pretest item drawn uniformly, answered from its true 3PL, not used for θ.
/// 3. For each target n of responses per pretest item, the first ⌈n·P/k⌉ sessions (P pretest
///    items, k per session) are calibrated by ``MMLCalibrator`` with every operational item
///    anchored at its true parameters and the pretest items free — the server's `recalibrate`
///    job as data accrue — and the estimates are scored against the truth and put to
///    ``PretestPromotion``.
/// 4. The same responses are calibrated again with anchors perturbed by calibration-sized errors
///    (b + N(0, anchorBError²), log a + N(0, anchorLogAError²)), to show what anchoring error
///    costs. Only the anchors change: the sessions were run with the true bank, so the variant
///    isolates the calibration's dependence on its anchors.
/// 5. The sessions are run again without pretest items; since the operational part draws from its
///    own generator, θ̂ must agree exactly with step 2's, and the result says by how much it does not.
///
/// The rows share their first sessions (each row's data extend the previous row's), as the
/// server's data do between two recalibrations.
public enum PretestSimulation {
    /// Runs the simulation; `generator` draws the banks, the abilities and the seeds of the
    /// operational, pretest and anchor-error streams.
    public static func run<G: RandomNumberGenerator, C: Clock>(
        configuration: PretestSimulationConfiguration, using generator: inout G, clock: C = ContinuousClock()
    ) throws(PretestSimulationError) -> PretestSimulationResult where C.Duration == Duration {
        let schedule = PretestSchedule(rate: configuration.rate)
        let perSession = try validate(configuration, schedule: schedule)
        let targets = configuration.responsesPerItem.sorted()
        let p = configuration.pretestItems
        let sessionsFor = targets.map { ($0 * p + perSession - 1) / perSession }
        let (result, seconds) = measureSeconds(on: clock) { () -> PretestSimulationResult in
            let operational = SyntheticData.bank(count: configuration.operationalItems, model: .threePL, using: &generator)
            var pretest = SyntheticData.bank(count: p, model: .threePL, using: &generator)
            let flawed = Int((configuration.flawedShare * Double(p)).rounded())
            for j in 0..<flawed { pretest[j].a = 0.1 + 0.2 * generator.nextUnit() }
            let operationalSeed = generator.next()
            let pretestSeed = generator.next()
            var anchorStream = SeededGenerator(seed: generator.next())
            let thetas = SyntheticData.abilities(count: sessionsFor.last ?? 0, using: &generator)

            let sessions = PretestSessions(
                operationalBank: operational, pretestBank: pretest, length: configuration.length,
                schedule: schedule, selector: configuration.selector, estimator: configuration.estimator,
                prior: .standardPrior)
            let seeded = sessions.run(thetas: thetas, operationalSeed: operationalSeed, pretestSeed: pretestSeed)
            let plain = PretestSessions(
                operationalBank: operational, pretestBank: pretest, length: configuration.length,
                schedule: PretestSchedule(rate: 0), selector: configuration.selector,
                estimator: configuration.estimator, prior: .standardPrior
            ).run(thetas: thetas, operationalSeed: operationalSeed, pretestSeed: pretestSeed)
            let maxDifference = zip(seeded.estimates, plain.estimates).reduce(0.0) { max($0, abs($1.0.mean - $1.1.mean)) }

            let trueAnchors = Dictionary(uniqueKeysWithValues: operational.enumerated().map { ($0.offset, $0.element) })
            let perturbed = perturbedAnchors(
                operational, bError: configuration.anchorBError, logAError: configuration.anchorLogAError,
                using: &anchorStream)
            let rows = zip(targets, sessionsFor).map { target, count -> PretestSampleResult in
                let data = ResponseData(
                    validatedItemCount: operational.count + p, perPerson: Array(seeded.responses[0..<count]))
                let sizes = data.sampleSizes()[operational.count...]
                func recovery(_ anchors: [Int: ItemParameters]) -> PretestRecovery {
                    var options = configuration.calibration
                    options.anchors = anchors
                    return score(
                        MMLCalibrator.calibrate(data, options: options), pretest: pretest, flawed: flawed,
                        offset: operational.count, promotion: configuration.promotion)
                }
                return PretestSampleResult(
                    responsesPerItem: target, sessions: count,
                    meanResponses: Double(sizes.reduce(0, +)) / Double(max(p, 1)),
                    minimumResponses: sizes.min() ?? 0,
                    trueAnchors: recovery(trueAnchors),
                    perturbedAnchors: perturbed.map(recovery),
                    thetaRMSE: thetaRMSE(seeded.estimates[0..<count], thetas),
                    thetaRMSEWithoutPretest: thetaRMSE(plain.estimates[0..<count], thetas))
            }
            return PretestSimulationResult(
                operationalItems: operational.count, pretestItems: p, flawedItems: flawed, length: configuration.length,
                rate: configuration.rate, pretestPerSession: perSession, estimator: configuration.estimator,
                anchorBError: configuration.anchorBError, anchorLogAError: configuration.anchorLogAError,
                rows: rows, maxThetaDifference: maxDifference, seconds: 0)
        }
        var timed = result
        timed.seconds = seconds
        return timed
    }

    /// Checks the configuration; returns the number of pretest items per session.
    private static func validate(
        _ configuration: PretestSimulationConfiguration, schedule: PretestSchedule
    ) throws(PretestSimulationError) -> Int {
        func fail(_ message: String) -> PretestSimulationError { PretestSimulationError(message: message) }
        guard configuration.rate > 0, configuration.rate <= 0.5 else { throw fail("rate must lie in (0, 0.5]") }
        guard configuration.length >= 1, configuration.length <= configuration.operationalItems else {
            throw fail("length must lie between 1 and the number of operational items")
        }
        guard configuration.pretestItems >= 1 else { throw fail("need at least one pretest item") }
        guard configuration.flawedShare >= 0, configuration.flawedShare <= 1 else {
            throw fail("the flawed share must lie in [0, 1]")
        }
        guard configuration.operationalItems + configuration.pretestItems <= ResponseData.maximumItems else {
            throw fail("too many items")
        }
        guard !configuration.responsesPerItem.isEmpty, configuration.responsesPerItem.allSatisfy({ $0 >= 1 }) else {
            throw fail("responses per item must be positive numbers")
        }
        guard configuration.anchorBError >= 0, configuration.anchorLogAError >= 0 else {
            throw fail("anchor errors must not be negative")
        }
        let perSession = schedule.pretestCount(operationalLength: configuration.length)
        guard perSession >= 1 else {
            throw fail("a session of \(configuration.length) operational items gets no pretest item at rate \(configuration.rate)")
        }
        guard perSession <= configuration.pretestItems else {
            throw fail("sessions get \(perSession) pretest items but there are only \(configuration.pretestItems)")
        }
        return perSession
    }

    /// The operational items with b + N(0, bError²) and log a + N(0, logAError²); nil when both are 0.
    private static func perturbedAnchors(
        _ bank: [ItemParameters], bError: Double, logAError: Double, using generator: inout SeededGenerator
    ) -> [Int: ItemParameters]? {
        guard bError > 0 || logAError > 0 else { return nil }
        var anchors: [Int: ItemParameters] = [:]
        for (i, item) in bank.enumerated() {
            let b = item.b + bError * generator.nextStandardNormal()
            let a = item.a * exp(logAError * generator.nextStandardNormal())
            anchors[i] = ItemParameters(a: a, b: b, c: item.c)
        }
        return anchors
    }

    /// Errors and SE honesty over the sound pretest items, and the promotion decisions on all of
    /// them; pretest item j is item `offset + j`, the first `flawed` are the flawed ones.
    private static func score(
        _ result: CalibrationResult, pretest: [ItemParameters], flawed: Int, offset: Int, promotion: PretestPromotion
    ) -> PretestRecovery {
        var sa = 0.0, sb = 0.0, sc = 0.0, bias = 0.0, seB = 0.0, z2 = 0.0, sbPromoted = 0.0
        var evaluated = 0, covered = 0
        var sound = PretestDecisionCounts(), flawedCounts = PretestDecisionCounts()
        for (j, truth) in pretest.enumerated() {
            let item = result.items[offset + j]
            let decision = promotion.decide(item)
            if j < flawed {
                if let reason = decision?.reason { flawedCounts.record(reason) }
                continue
            }
            if let reason = decision?.reason { sound.record(reason) }
            guard case .estimated(let estimate, let errors, _) = item else { continue }
            let errorB = estimate.b - truth.b
            sa += (estimate.a - truth.a) * (estimate.a - truth.a)
            sb += errorB * errorB
            sc += (estimate.c - truth.c) * (estimate.c - truth.c)
            bias += errorB
            seB += errors.b
            z2 += (errorB / errors.b) * (errorB / errors.b)
            if abs(errorB) <= 1.96 * errors.b { covered += 1 }
            if decision?.isPromoted == true { sbPromoted += errorB * errorB }
            evaluated += 1
        }
        let n = Double(max(evaluated, 1))
        return PretestRecovery(
            itemsEvaluated: evaluated,
            rmseB: (sb / n).squareRoot(), biasB: bias / n,
            rmseA: (sa / n).squareRoot(), rmseC: (sc / n).squareRoot(),
            meanSEB: seB / n, zRMSB: (z2 / n).squareRoot(), coverageB: Double(covered) / n,
            sound: sound, flawed: flawedCounts,
            rmseBPromoted: sound.promote > 0 ? (sbPromoted / Double(sound.promote)).squareRoot() : 0,
            latentMean: result.latentMean, latentSD: result.latentSD,
            iterations: result.iterations, converged: result.converged)
    }

    private static func thetaRMSE(_ estimates: ArraySlice<AbilityEstimate>, _ thetas: [Double]) -> Double {
        let sum = zip(estimates, thetas).reduce(0.0) { $0 + ($1.0.mean - $1.1) * ($1.0.mean - $1.1) }
        return (sum / Double(max(estimates.count, 1))).squareRoot()
    }
}
