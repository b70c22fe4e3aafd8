import Foundation
import Testing
@testable import IRT

@Suite("Pretest items: promotion, drift, online calibration")
struct PretestTests {
    let rule = PretestPromotion()
    let sound = ItemParameters(a: 1.2, b: 0.4, c: 0.18)
    let preciseErrors = ParameterErrors(a: 0.12, b: 0.15, c: 0.04)

    // MARK: Promotion

    @Test("a sound, precise item with enough responses is promoted")
    func promote() {
        let decision = rule.decide(parameters: sound, standardErrors: preciseErrors, sampleSize: 250)
        #expect(decision == PretestDecision(reason: .promote))
        #expect(decision.isPromoted && !decision.continuesPretest)
        // The CalibratedItem form agrees.
        #expect(rule.decide(.estimated(sound, standardErrors: preciseErrors, sampleSize: 250)) == decision)
    }

    @Test("too few responses: needs more, whatever the estimate says")
    func needsMoreResponses() {
        let short = rule.decide(parameters: sound, standardErrors: preciseErrors, sampleSize: 150)
        #expect(short.reason == .needsMoreResponses && short.responsesNeeded == 50 && short.continuesPretest)
        // Checked first: an absurd estimate from few responses is not yet judged.
        let flat = ItemParameters(a: 0.1, b: 6, c: 0.5)
        #expect(rule.decide(parameters: flat, standardErrors: preciseErrors, sampleSize: 199).reason == .needsMoreResponses)
        // Items the calibrator left out for too few responses.
        #expect(rule.decide(.insufficientData(sampleSize: 12)) == PretestDecision(reason: .needsMoreResponses, responsesNeeded: 188))
        // The boundary: exactly the minimum is enough.
        #expect(rule.decide(parameters: sound, standardErrors: preciseErrors, sampleSize: 200).reason == .promote)
    }

    @Test("a wide SE(b) is imprecise below the response cap and stalled at it")
    func imprecise() {
        let wide = ParameterErrors(a: 0.2, b: 0.45, c: 0.08)
        let early = rule.decide(parameters: sound, standardErrors: wide, sampleSize: 400)
        #expect(early.reason == .imprecise && early.continuesPretest)
        let late = rule.decide(parameters: sound, standardErrors: wide, sampleSize: 1000)
        #expect(late.reason == .stalled && !late.continuesPretest)
        // SE(b) exactly at the limit passes; infinite and NaN SEs do not.
        #expect(rule.decide(parameters: sound, standardErrors: ParameterErrors(a: 0.1, b: 0.3, c: 0.05), sampleSize: 400).reason == .promote)
        for bad in [Double.infinity, .nan] {
            #expect(rule.decide(parameters: sound, standardErrors: ParameterErrors(a: 0.1, b: bad, c: 0.05), sampleSize: 400).reason == .imprecise)
        }
    }

    @Test("parameters outside their ranges are implausible, and named")
    func implausible() {
        let flat = rule.decide(parameters: ItemParameters(a: 0.2, b: 0.4, c: 0.18), standardErrors: preciseErrors, sampleSize: 500)
        #expect(flat == PretestDecision(reason: .implausibleParameters, implausible: [.a]))
        #expect(!flat.continuesPretest)
        let giveAway = rule.decide(parameters: ItemParameters(a: 1, b: -4.5, c: 0.45), standardErrors: preciseErrors, sampleSize: 500)
        #expect(giveAway.implausible == [.b, .c])
        let broken = rule.decide(parameters: ItemParameters(a: .nan, b: 0, c: 0.2), standardErrors: preciseErrors, sampleSize: 500)
        #expect(broken.implausible == [.a])
        // Checked before precision: a flat item's wide SE(b) does not make it merely imprecise.
        let wide = ParameterErrors(a: 0.2, b: 0.9, c: 0.1)
        #expect(rule.decide(parameters: ItemParameters(a: 3.5, b: 0, c: 0.2), standardErrors: wide, sampleSize: 500).reason == .implausibleParameters)
    }

    @Test("anchored items are not judged; reason codes are stable strings")
    func codes() throws {
        #expect(rule.decide(.anchored(sound, sampleSize: 900)) == nil)
        #expect(PretestDecision.Reason.allCases.map(\.rawValue)
            == ["promote", "needs_more_responses", "imprecise", "stalled", "implausible_parameters"])
        let json = String(decoding: try JSONEncoder().encode(PretestDecision(reason: .implausibleParameters, implausible: [.a])), as: UTF8.self)
        #expect(json.contains("\"reason\":\"implausible_parameters\"") && json.contains("\"implausible\":[\"a\"]"))
        #expect(json.contains("\"responses_needed\":0"))
    }

    // MARK: Drift

    @Test("a planted big move in b or a is flagged, a small one is not")
    func driftByHand() {
        let drift = ParameterDrift()
        let old = ItemParameters(a: 1.0, b: 0.0, c: 0.2)
        let errors = ParameterErrors(a: 0.1, b: 0.1, c: 0.03)
        let moved = drift.check(old: old, new: ItemParameters(a: 1.0, b: 0.5, c: 0.2), standardErrors: errors)
        #expect(moved.drifted == [.b] && moved.hasDrifted && abs(moved.zB - 5) < 1e-9)
        let still = drift.check(old: old, new: ItemParameters(a: 1.05, b: 0.1, c: 0.22), standardErrors: errors)
        #expect(!still.hasDrifted)
        // a on the log scale: log 1.5 = 0.405 against SE(log a) = 0.1/1.5.
        let sharper = drift.check(old: old, new: ItemParameters(a: 1.5, b: 0, c: 0.2), standardErrors: errors)
        #expect(sharper.drifted == [.a] && abs(sharper.zA - log(1.5) / (0.1 / 1.5)) < 1e-9)
        // A move just beyond 2.58 SE is flagged, one just within is not.
        #expect(drift.check(old: old, new: ItemParameters(a: 1, b: -0.26, c: 0.2), standardErrors: errors).drifted == [.b])
        #expect(!drift.check(old: old, new: ItemParameters(a: 1, b: -0.25, c: 0.2), standardErrors: errors).hasDrifted)
    }

    @Test("known old standard errors widen the limit; 2PL items have no c to test")
    func driftOptions() {
        let drift = ParameterDrift()
        let old = ItemParameters(a: 1, b: 0)
        let new = ItemParameters(a: 1, b: 0.3)
        let errors = ParameterErrors(a: 0.1, b: 0.1, c: nil)
        let newOnly = drift.check(old: old, new: new, standardErrors: errors)
        #expect(newOnly.drifted == [.b] && newOnly.zC == nil)
        // √(0.1² + 0.1²) = 0.141: 0.3 is 2.12 of those, within the limit.
        #expect(!drift.check(old: old, new: new, standardErrors: errors, oldStandardErrors: errors).hasDrifted)
        #expect(drift.check(old: old, recalibrated: .anchored(old, sampleSize: 10)) == nil)
    }

    @Test("recalibration with the rest anchored flags an item whose difficulty changed")
    func driftAfterRecalibration() throws {
        // 30 operational items; in the new data item 0 got 0.7 easier (a leaked item) and item 1
        // did not change. The others are anchored at their bank values, items 0 and 1 re-estimated.
        var g = SeededGenerator(seed: 31)
        let bank = SyntheticData.bank(count: 30, model: .threePL, using: &g)
        var current = bank
        current[0].b -= 0.7
        let thetas = SyntheticData.abilities(count: 2500, using: &g)
        let data = SyntheticData.responses(bank: current, thetas: thetas, using: &g)
        var anchors: [Int: ItemParameters] = [:]
        for i in 2..<30 { anchors[i] = bank[i] }
        let result = MMLCalibrator.calibrate(data, options: CalibrationOptions(anchors: anchors))
        let drift = ParameterDrift()
        let leaked = try #require(drift.check(old: bank[0], recalibrated: result.items[0]))
        #expect(leaked.drifted.contains(.b) && leaked.zB < -2.58)
        let stable = try #require(drift.check(old: bank[1], recalibrated: result.items[1]))
        #expect(!stable.hasDrifted)
    }

    // MARK: Sessions and simulation

    @Test("the schedule puts every (1/r)-th served item aside for pretest")
    func schedule() {
        let tenth = PretestSchedule(rate: 0.1)
        #expect((1...40).filter { tenth.isPretest(position: $0) } == [10, 20, 30, 40])
        #expect(tenth.pretestCount(operationalLength: 30) == 3)
        #expect(tenth.pretestCount(operationalLength: 8) == 0)
        #expect(PretestSchedule(rate: 0).pretestCount(operationalLength: 100) == 0)
        // A rate that is not a reciprocal keeps its share in the long run.
        let odd = PretestSchedule(rate: 0.15)
        #expect((1...1000).filter { odd.isPretest(position: $0) }.count == 150)
    }

    @Test("pretest answers are recorded and leave the operational part bit for bit unchanged")
    func sessionsIsolatePretest() {
        var g = SeededGenerator(seed: 41)
        let operational = SyntheticData.bank(count: 80, model: .threePL, using: &g)
        let pretest = SyntheticData.bank(count: 6, model: .threePL, using: &g)
        let thetas = SyntheticData.abilities(count: 200, using: &g)
        func run(rate: Double, estimator: CATEstimator) -> PretestSessions.Outcome {
            PretestSessions(
                operationalBank: operational, pretestBank: pretest, length: 20, schedule: PretestSchedule(rate: rate),
                selector: ItemSelector(randomesque: 3), estimator: estimator, prior: .standardPrior
            ).run(thetas: thetas, operationalSeed: 5, pretestSeed: 6)
        }
        for estimator in CATEstimator.allCases {
            let seeded = run(rate: 0.2, estimator: estimator)
            let plain = run(rate: 0, estimator: estimator)
            // Counted rather than compared whole, so a failure reports a number, not 400 estimates.
            let movedEstimates = zip(seeded.estimates, plain.estimates).filter { $0 != $1 }.count
            #expect(movedEstimates == 0, "\(estimator)")
            var changedSessions = 0, badPretest = 0
            for (with, without) in zip(seeded.responses, plain.responses) {
                let pretestItems = with.filter { $0.item >= 80 }.map(\.item)
                // 20 operational items at rate 0.2: positions 5, 10, 15, 20 are pretest.
                if !(pretestItems.count == 4 && Set(pretestItems).count == 4 && pretestItems.allSatisfy { $0 < 86 }) {
                    badPretest += 1
                }
                let operationalPart = with.filter { $0.item < 80 }
                if operationalPart.map(\.item) != without.map(\.item) || operationalPart.map(\.correct) != without.map(\.correct) {
                    changedSessions += 1
                }
            }
            #expect(changedSessions == 0 && badPretest == 0, "\(estimator)")
        }
    }

    /// A configuration small enough for a debug build: 60 operational items, 20 pretest items
    /// (two of them flat), 15-item sessions at rate 0.3 (6 pretest items each, at positions 4, 7,
    /// 10, 14, 17, 20). Denser than the server's 1 in 10 so that 800 responses per item take
    /// 2,667 sessions rather than 5,334; the default `genta simulate pretest` runs the real rate.
    func smallConfiguration(_ targets: [Int], anchorErrors: Double = 0) -> PretestSimulationConfiguration {
        PretestSimulationConfiguration(
            operationalItems: 60, pretestItems: 20, flawedShare: 0.1, length: 15, rate: 0.3,
            responsesPerItem: targets, anchorBError: anchorErrors, anchorLogAError: anchorErrors)
    }

    @Test("seeding pretest items leaves θ RMSE exactly unchanged")
    func thetaUnchanged() throws {
        var g = SeededGenerator(seed: 51)
        let result = try PretestSimulation.run(configuration: smallConfiguration([60, 120]), using: &g)
        #expect(result.pretestPerSession == 6)
        #expect(result.maxThetaDifference == 0)
        for row in result.rows {
            #expect(row.thetaRMSE == row.thetaRMSEWithoutPretest)
            #expect(row.thetaRMSE > 0.3 && row.thetaRMSE < 0.6)
            // Pretest answers really were collected: 6 per session over 20 items.
            #expect(abs(row.meanResponses - Double(row.sessions * 6) / 20) < 1e-9)
        }
    }

    @Test("pretest b is recovered to RMSE < 0.25 at 800 responses per item, better than at 100")
    func recovery() throws {
        // The calibrator's SE(b) for a typical 3PL pretest item at 800 responses is ≈ 0.2 (the
        // mean here, 0.19 in the default simulation); an RMSE over 18 sound items scatters by about
        // 1/√36 ≈ 17 % of itself, so 0.25 is about that SE plus one and a half such scatters (over
        // 16 seeds the RMSE ranged 0.10–0.24). At 100 responses the mean SE is ≈ 0.4, so the RMSE
        // must fall.
        var g = SeededGenerator(seed: 61)
        let result = try PretestSimulation.run(configuration: smallConfiguration([100, 800]), using: &g)
        let small = result.rows[0].trueAnchors
        let large = result.rows[1].trueAnchors
        #expect(large.itemsEvaluated == 18 && large.converged)
        #expect(large.rmseB < 0.25)
        #expect(large.rmseB < small.rmseB)
        // The reported SEs are honest to within what 18 items can show (0.60–1.19 over 16 seeds).
        #expect(large.zRMSB > 0.5 && large.zRMSB < 1.5)
        // The anchors put the latent distribution back at N(0, 1).
        #expect(abs(large.latentMean) < 0.1 && abs(large.latentSD - 1) < 0.1)
        // The rule: nothing is promoted below 200 responses, two thirds of the sound items or more
        // are by 800 (14–18 over 16 seeds), and the flat items never are.
        #expect(small.sound.promote == 0 && small.sound.needsMoreResponses == 18)
        #expect(large.sound.promote >= 12)
        #expect(small.flawed.promote == 0 && large.flawed.promote == 0)
        #expect(result.rows[1].perturbedAnchors == nil)
    }

    @Test("perturbed anchors give their own calibration of the same responses")
    func perturbedAnchors() throws {
        var g = SeededGenerator(seed: 71)
        let result = try PretestSimulation.run(configuration: smallConfiguration([200], anchorErrors: 0.1), using: &g)
        let row = try #require(result.rows.first)
        let perturbed = try #require(row.perturbedAnchors)
        #expect(perturbed != row.trueAnchors)
        // Random anchor errors of 0.1 largely average out over 60 anchors.
        #expect(abs(perturbed.rmseB - row.trueAnchors.rmseB) < 0.1)
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        for key in ["\"rows\"", "\"true_anchors\"", "\"perturbed_anchors\"", "\"rmse_b\"", "\"z_rms_b\"", "\"max_theta_difference\"", "\"needs_more_responses\""] {
            #expect(json.contains(key))
        }
    }

    @Test("configurations that cannot run are refused with a reason")
    func validation() {
        var g = SeededGenerator(seed: 1)
        let refused: [PretestSimulationConfiguration] = [
            PretestSimulationConfiguration(rate: 0),
            PretestSimulationConfiguration(rate: 0.6),
            PretestSimulationConfiguration(length: 5, rate: 0.1),  // no pretest item in 5 operational ones
            PretestSimulationConfiguration(operationalItems: 10, length: 30),
            PretestSimulationConfiguration(pretestItems: 2, length: 30),  // 3 per session, only 2 items
            PretestSimulationConfiguration(responsesPerItem: []),
        ]
        for configuration in refused {
            #expect(throws: PretestSimulationError.self) { try PretestSimulation.run(configuration: configuration, using: &g) }
        }
    }
}
