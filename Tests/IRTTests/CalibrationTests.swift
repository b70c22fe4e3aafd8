import Foundation
import Testing
@testable import IRT

@Suite("Calibration (MML-EM)")
struct CalibrationTests {
    /// A complete-design data set from a seeded bank and N(mean, sd²) simulees.
    func dataSet(items: Int, persons: Int, model: IRTModel, seed: UInt64, mean: Double = 0, sd: Double = 1,
                 perExaminee: Int? = nil) -> ([ItemParameters], ResponseData) {
        var g = SeededGenerator(seed: seed)
        let bank = SyntheticData.bank(count: items, model: model, using: &g)
        let thetas = SyntheticData.abilities(count: persons, mean: mean, sd: sd, using: &g)
        return (bank, SyntheticData.responses(bank: bank, thetas: thetas, perExaminee: perExaminee, using: &g))
    }

    @Test("2PL parameters are recovered from 3,000 simulees")
    func recovery2PL() {
        let (bank, data) = dataSet(items: 12, persons: 3000, model: .twoPL, seed: 1)
        let result = MMLCalibrator.calibrate(data, options: CalibrationOptions(model: .twoPL))
        #expect(result.converged)
        let estimates = result.items.compactMap(\.parameters)
        #expect(estimates.count == 12)
        // Sampling SEs here are ≈ 0.05 (a) and ≈ 0.05 (b); tolerances allow for that.
        #expect(rmse(estimates.map(\.a), bank.map(\.a)) < 0.08)
        #expect(rmse(estimates.map(\.b), bank.map(\.b)) < 0.08)
        #expect(estimates.allSatisfy { $0.c == 0 })
        // Reported SEs are of the size the errors show.
        let se = result.items.compactMap(\.standardErrors)
        #expect(se.allSatisfy { $0.a > 0.01 && $0.a < 0.15 && $0.b > 0.01 && $0.b < 0.2 && $0.c == nil })
        #expect(result.items.allSatisfy { $0.sampleSize == 3000 })
    }

    @Test("3PL parameters are recovered with the priors' help")
    func recovery3PL() {
        let (bank, data) = dataSet(items: 12, persons: 4000, model: .threePL, seed: 2)
        let result = MMLCalibrator.calibrate(data, options: CalibrationOptions(model: .threePL))
        #expect(result.converged)
        let estimates = result.items.compactMap(\.parameters)
        #expect(rmse(estimates.map(\.a), bank.map(\.a)) < 0.2)
        #expect(rmse(estimates.map(\.b), bank.map(\.b)) < 0.2)
        #expect(rmse(estimates.map(\.c), bank.map(\.c)) < 0.06)
        #expect(estimates.allSatisfy { $0.isWellFormed })
    }

    @Test("sparse data: missing is not wrong, and thin items are insufficient data")
    func sparse() {
        let (bank, data) = dataSet(items: 40, persons: 3000, model: .twoPL, seed: 3, perExaminee: 10)
        // About 750 responses per item.
        let result = MMLCalibrator.calibrate(data, options: CalibrationOptions(model: .twoPL))
        let estimates = result.items.compactMap(\.parameters)
        #expect(estimates.count == 40)
        #expect(rmse(estimates.map(\.b), bank.map(\.b)) < 0.15)
        // Had missing been scored wrong, every b would sit far above the truth.
        let bias = zip(estimates, bank).reduce(0) { $0 + $1.0.b - $1.1.b } / 40
        #expect(abs(bias) < 0.1)
        // With a minimum above every item's count nothing is estimated, and nothing crashes.
        let strict = MMLCalibrator.calibrate(data, options: CalibrationOptions(model: .twoPL, minimumResponses: 100_000))
        #expect(strict.items.allSatisfy { if case .insufficientData = $0 { true } else { false } })
    }

    @Test("an item below the minimum is reported, the others are still estimated")
    func insufficientItem() throws {
        var responses: [ScoredResponse] = []
        var g = SeededGenerator(seed: 4)
        let bank = SyntheticData.bank(count: 6, model: .twoPL, using: &g)
        for person in 0..<1500 {
            let theta = g.nextStandardNormal()
            for item in 0..<6 where item < 5 || person < 10 {
                responses.append(ScoredResponse(person: person, item: item, correct: g.nextUnit() < bank[item].probability(at: theta)))
            }
        }
        let data = try ResponseData(personCount: 1500, itemCount: 6, responses: responses)
        let result = MMLCalibrator.calibrate(data, options: CalibrationOptions(model: .twoPL, minimumResponses: 30))
        #expect(result.items[5] == .insufficientData(sampleSize: 10))
        #expect(result.items[0..<5].allSatisfy { $0.parameters != nil })
    }

    @Test("fixed anchors put new items on the anchors' scale")
    func anchoredCalibration() {
        // Simulees from N(0.5, 1.2²): without anchors the scale would be re-standardised to N(0, 1)
        // and every b would shift; with half the items anchored at their true values the others
        // land on the true scale and the latent distribution is recovered.
        let (bank, data) = dataSet(items: 16, persons: 4000, model: .twoPL, seed: 5, mean: 0.5, sd: 1.2)
        var anchors: [Int: ItemParameters] = [:]
        for i in stride(from: 0, to: 16, by: 2) { anchors[i] = bank[i] }
        let result = MMLCalibrator.calibrate(data, options: CalibrationOptions(model: .twoPL, anchors: anchors))
        #expect(result.converged)
        #expect(abs(result.latentMean - 0.5) < 0.08)
        #expect(abs(result.latentSD - 1.2) < 0.08)
        for i in stride(from: 0, to: 16, by: 2) { #expect(result.items[i] == .anchored(bank[i], sampleSize: 4000)) }
        let free = stride(from: 1, to: 16, by: 2).map { result.items[$0].parameters?.b ?? .nan }
        let truth = stride(from: 1, to: 16, by: 2).map { bank[$0].b }
        #expect(rmse(free, truth) < 0.1)
        // The unanchored fit is on the N(0, 1) scale instead: its b are shifted by about −0.5/1.2.
        let plain = MMLCalibrator.calibrate(data, options: CalibrationOptions(model: .twoPL))
        #expect(plain.latentMean == 0 && plain.latentSD == 1)
        let shift = zip(plain.items, bank).reduce(0) { $0 + ($1.0.parameters?.b ?? 0) - $1.1.b } / 16
        #expect(shift < -0.3)
    }

    @Test("a fixed latent distribution keeps every free item on that scale")
    func fixedLatentCalibration() {
        // The recalibration's second pass: every item free, the population held at the N(0.5,
        // 1.2²) an anchored pass found. Without it the fit would fall back to N(0, 1).
        let (bank, data) = dataSet(items: 16, persons: 4000, model: .twoPL, seed: 5, mean: 0.5, sd: 1.2)
        let fixed = MMLCalibrator.calibrate(
            data, options: CalibrationOptions(model: .twoPL, fixedLatent: LatentDistribution(mean: 0.5, sd: 1.2)))
        #expect(fixed.converged)
        #expect(fixed.latentMean == 0.5 && fixed.latentSD == 1.2)
        #expect(rmse(fixed.items.map { $0.parameters?.b ?? .nan }, bank.map(\.b)) < 0.1)
        // With anchors too, the fixed distribution still wins: μ and σ are not re-estimated.
        let anchored = MMLCalibrator.calibrate(data, options: CalibrationOptions(
            model: .twoPL, anchors: [0: bank[0]], fixedLatent: LatentDistribution(mean: 0.5, sd: 1.2)))
        #expect(anchored.latentMean == 0.5 && anchored.latentSD == 1.2)
    }

    @Test("degenerate data: no responses, all correct, identical items")
    func degenerate() throws {
        let empty = try ResponseData(personCount: 0, itemCount: 3, responses: [])
        let none = MMLCalibrator.calibrate(empty)
        #expect(none.items.count == 3 && none.items.allSatisfy { $0.parameters == nil })
        // Everyone answers item 0 correctly: the b prior keeps it finite.
        var responses: [ScoredResponse] = []
        var g = SeededGenerator(seed: 6)
        for person in 0..<500 {
            let theta = g.nextStandardNormal()
            responses.append(ScoredResponse(person: person, item: 0, correct: true))
            for item in 1..<4 {
                responses.append(ScoredResponse(person: person, item: item, correct: g.nextUnit() < 1 / (1 + exp(-(theta)))))
            }
        }
        let data = try ResponseData(personCount: 500, itemCount: 4, responses: responses)
        let result = MMLCalibrator.calibrate(data, options: CalibrationOptions(model: .threePL))
        let easy = try #require(result.items[0].parameters)
        #expect(easy.b.isFinite && easy.b < -1 && easy.a.isFinite)
        // Items 1–3 are statistically identical: estimates agree within sampling error.
        let bs = (1..<4).compactMap { result.items[$0].parameters?.b }
        #expect((bs.max() ?? 0) - (bs.min() ?? 0) < 0.5)
    }

    @Test("a floating log a prior follows a bank of sharp items")
    func floatingPrior() {
        var g = SeededGenerator(seed: 8)
        let bank = SyntheticData.bank(
            count: 15, model: .twoPL, distribution: BankDistribution(logAMean: log(2.2), logASD: 0.1), using: &g)
        let thetas = SyntheticData.abilities(count: 400, using: &g)
        let data = SyntheticData.responses(bank: bank, thetas: thetas, using: &g)
        func meanA(_ float: Bool) -> Double {
            let options = CalibrationOptions(model: .twoPL, priors: ItemPriors(floatLogAMean: float))
            let a = MMLCalibrator.calibrate(data, options: options).items.compactMap { $0.parameters?.a }
            return a.reduce(0, +) / Double(a.count)
        }
        let trueMean = bank.map(\.a).reduce(0, +) / 15
        // The fixed prior (median a = 1) pulls sharp items down; the floating one much less.
        #expect(meanA(false) < meanA(true))
        #expect(abs(meanA(true) - trueMean) < abs(meanA(false) - trueMean))
    }

    @Test("out-of-range indices are rejected")
    func validation() {
        #expect(throws: ResponseDataError.itemOutOfRange(5)) {
            try ResponseData(personCount: 1, itemCount: 5, responses: [ScoredResponse(person: 0, item: 5, correct: true)])
        }
        #expect(throws: ResponseDataError.personOutOfRange(-1)) {
            try ResponseData(personCount: 1, itemCount: 5, responses: [ScoredResponse(person: -1, item: 0, correct: true)])
        }
    }

    @Test("two worker threads give the same estimates as one")
    func threadsAgree() {
        let (_, data) = dataSet(items: 8, persons: 1000, model: .twoPL, seed: 7)
        let one = MMLCalibrator.calibrate(data, options: CalibrationOptions(model: .twoPL))
        let two = MMLCalibrator.calibrate(data, options: CalibrationOptions(model: .twoPL, threads: 2))
        for (x, y) in zip(one.items.compactMap(\.parameters), two.items.compactMap(\.parameters)) {
            #expect(abs(x.a - y.a) < 1e-4 && abs(x.b - y.b) < 1e-4)
        }
    }
}
