import Foundation
import Testing
@testable import IRT

@Suite("3PL item response function")
struct ItemResponseFunctionTests {
    @Test("probability matches hand-computed values")
    func handComputedProbability() {
        // a = 1, b = 0, c = 0 at θ = 1: 1/(1 + e^−1) = 0.7310585786300049.
        #expect(abs(ItemParameters(a: 1, b: 0).probability(at: 1) - 0.7310585786300049) < 1e-15)
        // a = 1.5, b = 0.5, c = 0.2 at θ = 0: 0.2 + 0.8/(1 + e^0.75) = 0.4561862580...
        let item = ItemParameters(a: 1.5, b: 0.5, c: 0.2)
        #expect(abs(item.probability(at: 0) - (0.2 + 0.8 / (1 + exp(0.75)))) < 1e-15)
        // At θ = b, P = (1 + c)/2.
        #expect(abs(item.probability(at: 0.5) - 0.6) < 1e-15)
    }

    @Test("information matches hand-computed values")
    func handComputedInformation() {
        // 2PL at θ = b: a²/4.
        #expect(abs(ItemParameters(a: 2, b: 1).information(at: 1) - 1) < 1e-15)
        // 3PL by the textbook formula a²·(Q/P)·((P − c)/(1 − c))².
        let item = ItemParameters(a: 1.3, b: -0.4, c: 0.25)
        for theta in stride(from: -3.0, through: 3.0, by: 0.5) {
            let p = item.probability(at: theta)
            let expected = item.a * item.a * ((1 - p) / p) * pow((p - item.c) / (1 - item.c), 2)
            #expect(abs(item.information(at: theta) - expected) < 1e-13)
        }
    }

    @Test("3PL information peaks at b + log((1 + √(1 + 8c))/2)/a")
    func informationPeak() {
        let item = ItemParameters(a: 1.7, b: 0.3, c: 0.2)
        let peak = item.b + log((1 + (1 + 8 * item.c).squareRoot()) / 2) / item.a
        let h = 1e-4
        #expect(item.information(at: peak) > item.information(at: peak - h))
        #expect(item.information(at: peak) > item.information(at: peak + h))
    }

    @Test("2PL symmetry: P(b + t) = 1 − P(b − t), I(b + t) = I(b − t)")
    func symmetry() {
        let item = ItemParameters(a: 1.4, b: 0.7)
        for t in stride(from: 0.0, through: 5.0, by: 0.25) {
            #expect(abs(item.probability(at: item.b + t) - (1 - item.probability(at: item.b - t))) < 1e-15)
            #expect(abs(item.information(at: item.b + t) - item.information(at: item.b - t)) < 1e-15)
        }
    }

    @Test("log-likelihood equals log P and log Q and stays finite at the extremes")
    func logLikelihoodStable() {
        for a in [0.2, 1, 4.0] {
            for b in [-5.0, 0, 5] {
                for c in [0.0, 0.25, 0.5] {
                    let item = ItemParameters(a: a, b: b, c: c)
                    for theta in stride(from: -6.0, through: 6.0, by: 0.5) {
                        let p = item.probability(at: theta)
                        let logP = item.logLikelihood(correct: true, at: theta)
                        let logQ = item.logLikelihood(correct: false, at: theta)
                        #expect(logP.isFinite && logQ.isFinite && logP <= 0 && logQ <= 0)
                        #expect(abs(exp(logP) - p) < 1e-12)
                        #expect(abs(exp(logQ) - (1 - p)) < 1e-12)
                        let info = item.information(at: theta)
                        #expect(info.isFinite && info >= 0)
                    }
                }
            }
        }
        // Far beyond the stated range nothing overflows either.
        let steep = ItemParameters(a: 4, b: 0)
        #expect(steep.logLikelihood(correct: true, at: -300) < -1000)
        #expect(steep.logLikelihood(correct: false, at: 300).isFinite)
        #expect(steep.information(at: 1000) == 0)
    }

    @Test("score contribution is the derivative of the log-likelihood")
    func scoreIsDerivative() {
        let item = ItemParameters(a: 1.8, b: 0.2, c: 0.2)
        let h = 1e-6
        for theta in [-2.0, 0, 1.5] {
            for correct in [true, false] {
                let numeric = (item.logLikelihood(correct: correct, at: theta + h)
                    - item.logLikelihood(correct: correct, at: theta - h)) / (2 * h)
                #expect(abs(item.scoreContribution(correct: correct, at: theta) - numeric) < 1e-7)
            }
        }
    }

    @Test("parameters decode without c as a 2PL item")
    func decodeWithoutC() throws {
        let item = try JSONDecoder().decode(ItemParameters.self, from: Data(#"{"a":1.2,"b":-0.5}"#.utf8))
        #expect(item == ItemParameters(a: 1.2, b: -0.5, c: 0))
        #expect(item.isWellFormed)
        #expect(!ItemParameters(a: -1, b: 0).isWellFormed)
    }
}

@Suite("Standard normal")
struct StandardNormalTests {
    @Test("cdf and quantile at known values")
    func knownValues() {
        #expect(abs(StandardNormal.cdf(0) - 0.5) < 1e-16)
        #expect(abs(StandardNormal.cdf(1.959963984540054) - 0.975) < 1e-15)
        #expect(abs(StandardNormal.quantile(0.975) - 1.959963984540054) < 1e-13)
        #expect(abs(StandardNormal.quantile(0.5)) < 1e-15)
        #expect(abs(StandardNormal.quantile(1e-10) + 6.361340902404056) < 1e-11)
        #expect(StandardNormal.quantile(0) == -.infinity)
        #expect(StandardNormal.quantile(1.5).isNaN)
    }

    @Test("quantile inverts cdf across the range")
    func roundTrip() {
        for p in [1e-300, 1e-12, 0.001, 0.1, 0.3, 0.5, 0.77, 0.99, 1 - 1e-12] {
            let z = StandardNormal.quantile(p)
            #expect(abs(StandardNormal.cdf(z) - p) <= 1e-12 * max(p, 1e-300) + 1e-15)
        }
    }
}
