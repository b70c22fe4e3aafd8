import Testing
@testable import IRT

@Suite("Ability estimation")
struct AbilityEstimationTests {
    let items = [
        ItemParameters(a: 1.2, b: -1, c: 0.2), ItemParameters(a: 0.8, b: 0.3, c: 0.1),
        ItemParameters(a: 2.5, b: 0.9, c: 0.25), ItemParameters(a: 1.6, b: 1.8, c: 0),
        ItemParameters(a: 4, b: -0.2, c: 0.5),
    ]

    @Test("sequential update equals brute-force integration of one response", arguments: [true, false])
    func sequentialMatchesBruteForce(correct: Bool) {
        let updater = SequentialUpdater()
        for prior in [AbilityEstimate(mean: 0, variance: 1), AbilityEstimate(mean: 1.3, variance: 0.25),
                      AbilityEstimate(mean: -2, variance: 2)] {
            for item in items {
                let fast = updater.update(prior, item: item, correct: correct)
                let exact = bruteForcePosterior(prior: prior, responses: [ItemResponse(item: item, correct: correct)])
                // Bound from the trapezoid error analysis: a·σ reaches 5.7 here, where it is ≈ 1e−6.
                #expect(abs(fast.mean - exact.mean) < 1e-5)
                #expect(abs(fast.variance - exact.variance) < 1e-5)
            }
        }
    }

    @Test("sequential update stays finite for extreme items and priors")
    func sequentialExtremes() {
        let updater = SequentialUpdater()
        for a in [0.01, 4, 40] {
            for b in [-5.0, 5] {
                for c in [0.0, 0.5] {
                    for prior in [AbilityEstimate(mean: -6, variance: 0.01), AbilityEstimate(mean: 6, variance: 9)] {
                        for correct in [true, false] {
                            let post = updater.update(prior, item: ItemParameters(a: a, b: b, c: c), correct: correct)
                            #expect(post.mean.isFinite && post.variance.isFinite && post.variance >= 0)
                            // Log-concave likelihoods never widen the posterior; a correct guess
                            // on a 3PL item may, a little.
                            let bound = (c == 0 || !correct) ? 1 + 1e-9 : 1.1
                            #expect(post.variance <= prior.variance * bound)
                        }
                    }
                }
            }
        }
    }

    @Test("a correct answer raises the mean, a wrong one lowers it, both shrink the variance")
    func sequentialDirection() {
        let updater = SequentialUpdater()
        let item = ItemParameters(a: 1.2, b: 0.3, c: 0.2)
        let up = updater.update(.standardPrior, item: item, correct: true)
        let down = updater.update(.standardPrior, item: item, correct: false)
        #expect(up.mean > 0 && down.mean < 0)
        #expect(up.variance < 1 && down.variance < 1)
    }

    @Test("zero prior variance and an uninformative item leave the prior unchanged")
    func sequentialDegenerate() {
        let updater = SequentialUpdater()
        let point = AbilityEstimate(mean: 0.4, variance: 0)
        #expect(updater.update(point, item: items[0], correct: true) == point)
        let flat = ItemParameters(a: 0, b: 0, c: 0.3)
        let post = updater.update(.standardPrior, item: flat, correct: true)
        #expect(abs(post.mean) < 1e-12 && abs(post.variance - 1) < 1e-12)
    }

    @Test("grid EAP equals brute-force integration")
    func eapMatchesBruteForce() {
        let responses = simulatedTest(count: 12, theta: 0.7, seed: 11)
        for prior in [AbilityEstimate.standardPrior, AbilityEstimate(mean: 0.5, variance: 0.5)] {
            let eap = EAPEstimator(prior: prior).estimate(responses)
            let exact = bruteForcePosterior(prior: prior, responses: responses)
            #expect(abs(eap.mean - exact.mean) < 1e-6)
            #expect(abs(eap.variance - exact.variance) < 1e-6)
        }
    }

    @Test("empty history: EAP and MAP return the prior, MLE is undefined")
    func emptyHistory() {
        let prior = AbilityEstimate(mean: 0.3, variance: 0.8)
        #expect(EAPEstimator(prior: prior).estimate([]) == prior)
        #expect(ModeEstimator.map([], prior: prior) == prior)
        let mle = ModeEstimator.mle([])
        #expect(mle.mean == 0 && mle.variance == .infinity)
    }

    @Test("one item: EAP equals the sequential update")
    func oneItem() {
        let response = ItemResponse(item: items[2], correct: true)
        let eap = EAPEstimator().estimate([response])
        let sequential = SequentialUpdater().update(.standardPrior, item: response.item, correct: true)
        #expect(abs(eap.mean - sequential.mean) < 1e-6)
        #expect(abs(eap.variance - sequential.variance) < 1e-6)
    }

    @Test("MLE of an all-correct or all-wrong pattern is the bound")
    func mleBounds() {
        let allCorrect = items.map { ItemResponse(item: $0, correct: true) }
        let allWrong = items.map { ItemResponse(item: $0, correct: false) }
        #expect(ModeEstimator.mle(allCorrect).mean == 4)
        #expect(ModeEstimator.mle(allWrong).mean == -4)
        #expect(ModeEstimator.mle(allCorrect, bounds: -3...3).mean == 3)
        #expect(ModeEstimator.map(allCorrect, prior: AbilityEstimate(mean: 0, variance: .infinity)) == ModeEstimator.mle(allCorrect))
        // MAP and EAP stay finite and sensible.
        #expect(ModeEstimator.map(allCorrect).mean > 0.5)
        #expect(EAPEstimator().estimate(allWrong).mean < -0.5)
    }

    @Test("MAP is a stationary point of the log-posterior")
    func mapStationary() {
        let responses = simulatedTest(count: 15, theta: -0.4, seed: 5)
        let map = ModeEstimator.map(responses)
        let slope = responses.reduce(-map.mean) { $0 + $1.item.scoreContribution(correct: $1.correct, at: map.mean) }
        #expect(abs(slope) < 1e-8)
    }

    @Test("MLE, MAP, EAP and chained sequential updates agree on a long test", arguments: [-1.5, 0.0, 1.2])
    func longTestAgreement(theta: Double) {
        let responses = simulatedTest(count: 300, theta: theta, seed: 99, model: .twoPL)
        let eap = EAPEstimator().estimate(responses)
        let map = ModeEstimator.map(responses)
        let mle = ModeEstimator.mle(responses)
        var sequential = AbilityEstimate.standardPrior
        let updater = SequentialUpdater()
        for r in responses { sequential = updater.update(sequential, item: r.item, correct: r.correct) }
        // With 300 items the posterior SD is ≈ 0.1; the estimators differ by O(1/n) shrinkage and
        // skewness terms, well within half a posterior SD.
        let tolerance = 0.5 * eap.sd
        #expect(abs(eap.mean - map.mean) < tolerance)
        #expect(abs(map.mean - mle.mean) < tolerance)
        #expect(abs(sequential.mean - eap.mean) < tolerance)
        #expect(abs(eap.sd - map.sd) < 0.1 * eap.sd)
        #expect(abs(eap.mean - theta) < 4 * eap.sd)
    }

    @Test("variance inflation is additive, capped, and never shrinks")
    func varianceInflation() {
        #expect(VarianceInflation.inflated(variance: 0.1, elapsedDays: 10, driftPerDay: 0.01) == 0.2)
        #expect(VarianceInflation.inflated(variance: 0.1, elapsedDays: 1000, driftPerDay: 0.01) == 1)
        #expect(VarianceInflation.inflated(variance: 0.1, elapsedDays: 1000, driftPerDay: 0.01, maximumVariance: 0.5) == 0.5)
        #expect(VarianceInflation.inflated(variance: 1.5, elapsedDays: 10) == 1.5)
        #expect(VarianceInflation.inflated(variance: 0.1, elapsedDays: -3) == 0.1)
        #expect(VarianceInflation.inflated(variance: 0.1, elapsedDays: .nan) == 0.1)
        let estimate = AbilityEstimate(mean: 0.4, variance: 0.04).inflated(elapsedDays: 30)
        #expect(estimate.mean == 0.4 && abs(estimate.variance - 0.1) < 1e-12)
    }
}
