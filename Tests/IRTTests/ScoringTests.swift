import Testing
@testable import IRT

@Suite("Scores and readiness")
struct ScoringTests {
    /// A round-numbered scale keeps the arithmetic below readable.
    let scale = ScoreScale(center: 500, scale: 100, minimum: 200, maximum: 1000)

    @Test("Genta's scale puts θ = 0 at the 2025 national mean and keeps scores within [200, 1000]")
    func anchoredScale() {
        let utbk = ScoreScale.utbk
        #expect(utbk.score(theta: 0) == 545.78)
        #expect(abs(utbk.score(theta: 1) - 620.78) < 1e-9)
        #expect(utbk.score(theta: -4.7) == 200)
        #expect(abs(utbk.theta(score: 819.85) - 3.654) < 0.001)
        #expect(utbk.score(theta: 9) == 1000)
    }

    @Test("θ maps linearly to center + scale·θ and is clamped to [minimum, maximum]")
    func scoreMapping() {
        #expect(scale.score(theta: 0) == 500)
        #expect(scale.score(theta: 1.5) == 650)
        #expect(scale.score(theta: -5) == 200)
        #expect(scale.score(theta: 7) == 1000)
        #expect(scale.theta(score: 650) == 1.5)
        let custom = ScoreScale(center: 600, scale: 50, minimum: 0, maximum: 800)
        #expect(custom.score(theta: -2) == 500)
    }

    @Test("predicted range is mean ± 1.96 SD at 95 %")
    func predictedRange() {
        let range = scale.predictedRange(AbilityEstimate(mean: 0.5, variance: 0.09))
        #expect(abs(range.point - 550) < 1e-9)
        #expect(abs(range.lower - (550 - 1.959963984540054 * 30)) < 1e-6)
        #expect(abs(range.upper - (550 + 1.959963984540054 * 30)) < 1e-6)
        let narrow = scale.predictedRange(AbilityEstimate(mean: 0.5, variance: 0.09), confidence: 0.6827)
        #expect(abs(narrow.upper - 580) < 0.01)
        let clamped = scale.predictedRange(AbilityEstimate(mean: 4.5, variance: 1))
        #expect(clamped.upper == 1000)
    }

    @Test("probability of reaching a target is Φ((μ − θ_target)/sd)")
    func probabilityOfReaching() {
        let ability = AbilityEstimate(mean: 0.5, variance: 0.25)
        #expect(abs(scale.probabilityOfReaching(550, ability: ability) - 0.5) < 1e-12)
        #expect(abs(scale.probabilityOfReaching(650, ability: ability) - StandardNormal.cdf(-2)) < 1e-12)
        #expect(scale.probabilityOfReaching(150, ability: ability) == 1)
        #expect(scale.probabilityOfReaching(1200, ability: ability) == 0)
        let certain = AbilityEstimate(mean: 1, variance: 0)
        #expect(scale.probabilityOfReaching(600, ability: certain) == 1)
        #expect(scale.probabilityOfReaching(601, ability: certain) == 0)
    }
}

@Suite("Ready-by forecast")
struct ReadyByForecastTests {
    let forecaster = ReadinessForecaster()

    func series(days: [Double], theta: (Double) -> Double) -> [ThetaObservation] {
        days.map { ThetaObservation(day: $0, theta: theta($0)) }
    }

    @Test("no points, too few points or too short a span: not enough data")
    func notEnoughData() {
        #expect(forecaster.forecast([], targetTheta: 1) == .notEnoughData)
        let few = series(days: [0, 10, 20]) { 0.01 * $0 }
        #expect(forecaster.forecast(few, targetTheta: 1) == .notEnoughData)
        let short = series(days: [0, 1, 2, 3, 4, 5]) { 0.05 * $0 }
        #expect(forecaster.forecast(short, targetTheta: 1) == .notEnoughData)
    }

    @Test("latest θ at or above the target: already ready, whatever the data")
    func alreadyReady() {
        #expect(forecaster.forecast([ThetaObservation(day: 3, theta: 1.2)], targetTheta: 1) == .alreadyReady)
        let falling = series(days: [0, 5, 10, 15, 20]) { 2 - 0.01 * $0 }
        #expect(forecaster.forecast(falling, targetTheta: 1) == .alreadyReady)
    }

    @Test("flat or falling trend: not improving")
    func notImproving() {
        let flat = series(days: [0, 4, 8, 12, 16, 20]) { _ in 0.2 }
        #expect(forecaster.forecast(flat, targetTheta: 1) == .notImproving)
        let falling = series(days: [0, 4, 8, 12, 16, 20]) { 0.5 - 0.02 * $0 }
        #expect(forecaster.forecast(falling, targetTheta: 1) == .notImproving)
        // Improving, but so slowly that the target lies years away.
        let crawling = series(days: [0, 10, 20, 30, 40]) { 0.0015 * $0 }
        #expect(forecaster.forecast(crawling, targetTheta: 2) == .notImproving)
    }

    @Test("a clear upward trend gives a finite positive number of days")
    func upwardTrend() throws {
        // θ rises 0.02 per day from −0.5; latest (day 28) is 0.06; target 0.5 → 22 days.
        let rising = series(days: [0, 7, 14, 21, 28]) { -0.5 + 0.02 * $0 }
        guard case .readyIn(let days) = forecaster.forecast(rising, targetTheta: 0.5) else {
            Issue.record("expected a forecast")
            return
        }
        #expect(days.isFinite && days > 0)
        #expect(abs(days - 22) < 1e-9)
    }

    @Test("recent points weigh more than old ones")
    func recencyWeighting() throws {
        // Flat for a long time, then rising: the weighted slope follows the recent rise.
        let points = series(days: Array(stride(from: 0.0, through: 90, by: 3))) { $0 < 60 ? 0 : 0.02 * ($0 - 60) }
        let slope = try #require(forecaster.trendSlope(points, latestDay: 90))
        let unweighted = try #require(ReadinessForecaster(halfLifeDays: 1e9).trendSlope(points, latestDay: 90))
        #expect(slope > unweighted)
        #expect(slope > 0.01)
    }

    @Test("order of observations and non-finite values do not matter")
    func robustInput() {
        let rising = series(days: [0, 7, 14, 21, 28]) { -0.5 + 0.02 * $0 }
        let shuffled = [rising[3], rising[0], rising[4], rising[1], rising[2], ThetaObservation(day: .nan, theta: 5)]
        #expect(forecaster.forecast(shuffled, targetTheta: 0.5) == forecaster.forecast(rising, targetTheta: 0.5))
    }
}
