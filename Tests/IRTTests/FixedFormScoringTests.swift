import Testing
@testable import IRT

@Suite("Fixed form scoring and simulation")
struct FixedFormScoringTests {
    /// A 30-item form (PU-like: three sub types of 10) from the seeded 120-item pool.
    func form(length: Int = 30) throws -> AssembledForm<String> {
        try FormAssembler().assemble(from: formAssemblyPool(), length: length)
    }

    @Test("all-correct and all-wrong patterns score finite and in order")
    func extremePatterns() throws {
        let items = try form().parameters
        let right = try FixedFormScoring.score(items: items, responses: Array(repeating: .correct, count: 30))
        let wrong = try FixedFormScoring.score(items: items, responses: Array(repeating: .wrong, count: 30))
        let half = try FixedFormScoring.score(items: items, responses: items.indices.map { $0 % 2 == 0 ? .correct : .wrong })
        for score in [right, wrong, half] {
            #expect(score.theta.isFinite && score.standardError.isFinite)
            #expect(score.posteriorSD > 0 && score.posteriorSD < 1)
        }
        #expect(wrong.theta < half.theta && half.theta < right.theta)
        // Finite where the MLE is not (±∞), yet well away from the average.
        #expect(wrong.theta > -4 && wrong.theta < -1)
        #expect(right.theta < 4 && right.theta > 1.5)
        #expect(right.numberCorrect == 30 && wrong.numberCorrect == 0 && half.numberCorrect == 15)
    }

    @Test("a blank scores exactly as a wrong answer")
    func blankIsWrong() throws {
        let items = try form().parameters
        var generator = SeededGenerator(seed: 4)
        let answers: [FormResponse] = items.map { _ in generator.nextUnit() < 0.6 ? .correct : .wrong }
        let blanked = answers.map { $0 == .wrong ? FormResponse.blank : $0 }
        #expect(try FixedFormScoring.score(items: items, responses: answers)
            == FixedFormScoring.score(items: items, responses: blanked))
    }

    @Test("the score is the grid EAP under N(0, 1), with SE 1/√I at the EAP")
    func matchesEAP() throws {
        let assembled = try form()
        let items = assembled.parameters
        var generator = SeededGenerator(seed: 5)
        let answers: [FormResponse] = items.map { generator.nextUnit() < $0.probability(at: 0.8) ? .correct : .wrong }
        let score = try FixedFormScoring.score(assembled, responses: answers)
        let responses = zip(items, answers).map { ItemResponse(item: $0, correct: $1 == .correct) }
        let eap = EAPEstimator().estimate(responses)
        #expect(score.theta == eap.mean && score.posteriorSD == eap.sd)
        let exact = bruteForcePosterior(prior: .standardPrior, responses: responses)
        #expect(abs(score.theta - exact.mean) < 1e-6)
        #expect(abs(score.posteriorSD - exact.sd) < 1e-6)
        let information = items.reduce(0) { $0 + $1.information(at: score.theta) }
        #expect(abs(score.testInformation - information) < 1e-12)
        #expect(abs(score.standardError - 1 / information.squareRoot()) < 1e-12)
        #expect(score.estimate == AbilityEstimate(mean: score.theta, variance: score.posteriorSD * score.posteriorSD))
    }

    @Test("typed errors for forms that cannot be scored")
    func errors() {
        let item = ItemParameters(a: 1, b: 0, c: 0.2)
        #expect(throws: FixedFormScoringError.emptyForm) { try FixedFormScoring.score(items: [], responses: []) }
        #expect(throws: FixedFormScoringError.responseCountMismatch(items: 2, responses: 1)) {
            try FixedFormScoring.score(items: [item, item], responses: [.correct])
        }
        #expect(throws: FixedFormScoringError.malformedItem(index: 1)) {
            try FixedFormScoring.score(items: [item, ItemParameters(a: -1, b: 0)], responses: [.correct, .blank])
        }
    }

    @Test("the simulation is deterministic for a seed")
    func simulationDeterministic() throws {
        let items = try form(length: 20).parameters
        var a = SeededGenerator(seed: 7), b = SeededGenerator(seed: 7), c = SeededGenerator(seed: 8)
        let first = try FixedFormSimulator.run(items: items, examinees: 300, using: &a)
        let second = try FixedFormSimulator.run(items: items, examinees: 300, using: &b)
        let other = try FixedFormSimulator.run(items: items, examinees: 300, using: &c)
        #expect(first == second)
        #expect(first != other)
    }

    @Test("a 30-item form: RMSE near the reported posterior SD, little bias, bands consistent")
    func simulationAccuracy() throws {
        let thirty = try form()
        var generator = SeededGenerator(seed: 7)
        let result = try FixedFormSimulator.run(items: thirty.parameters, examinees: 2000, using: &generator)
        #expect(result.examinees == 2000 && result.length == 30)
        // θ ~ N(0, 1) is the scoring prior, so E(θ̂ − θ)² equals the mean posterior variance; with
        // 2000 simulees the RMSE's sampling error is about 0.005, far inside these bounds, while a
        // wrong sign, a lost response or a wrong prior would break them.
        #expect(result.thetaRMSE < 0.45)
        #expect(abs(result.thetaBias) < 0.1)
        #expect(abs(result.thetaRMSE - result.meanPosteriorSD) < 0.05)
        // Bands: all simulees counted once; edges, middles and the information-based SE as documented.
        let bands = result.bands
        #expect(bands.count == 5 && bands.reduce(0) { $0 + $1.count } == 2000)
        #expect(bands.map(\.lower) == [nil, -1, 0, 1, 2] && bands.map(\.upper) == [-1, 0, 1, 2, nil])
        #expect(abs(bands[0].middle + 1.525) < 1e-3 && abs(bands[4].middle - 2.373) < 1e-3 && bands[2].middle == 0.5)
        for band in bands {
            #expect(abs(band.expectedSE - 1 / thirty.information(at: band.middle).squareRoot()) < 1e-12)
        }
        // Shrinkage: the lowest band is pulled up, the highest down.
        #expect((bands[0].bias ?? 0) > 0 && (bands[4].bias ?? 0) < 0)
        // Where the form is informative (0…2) the prior helps: the RMSE stays within its 1/√I, give or take noise.
        #expect((bands[3].rmse ?? 1) < 1.1 * bands[3].expectedSE && (bands[2].rmse ?? 1) < 1.1 * bands[2].expectedSE)

        // Fewer items, less precision (same simulees and answers stream).
        var again = SeededGenerator(seed: 7)
        let twenty = try FixedFormSimulator.run(items: try form(length: 20).parameters, examinees: 2000, using: &again)
        #expect(twenty.thetaRMSE > result.thetaRMSE && twenty.meanPosteriorSD > result.meanPosteriorSD)
    }

    @Test("an empty band reports no statistics rather than zeros")
    func emptyBand() throws {
        var generator = SeededGenerator(seed: 1)
        let result = try FixedFormSimulator.run(
            items: try form(length: 20).parameters, examinees: 50, bandEdges: [-1, 8, 9, .nan], using: &generator)
        #expect(result.bands.count == 4 && result.bands[2].count == 0)
        #expect(result.bands[2].rmse == nil && result.bands[2].bias == nil && result.bands[2].meanPosteriorSD == nil)
    }
}
