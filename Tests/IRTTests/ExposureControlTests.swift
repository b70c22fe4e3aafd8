import Testing
@testable import IRT

@Suite("Exposure control")
struct ExposureControlTests {
    /// Items with b spread over [−2, 2], a varying, alternating sub types.
    func pool(_ count: Int = 30) -> [ItemCandidate<Int>] {
        (0..<count).map { i in
            ItemCandidate(
                id: i,
                parameters: ItemParameters(a: 0.8 + Double(i % 5) * 0.3, b: -2 + 4 * Double(i) / Double(count - 1), c: 0.2),
                subtype: ["pu", "pk", "pbm"][i % 3])
        }
    }

    func control(_ rate: Double, openingShare: Double = 1, progressive: Bool = false) throws -> ExposureControl {
        try ExposureControl(maxRate: rate, openingShare: openingShare, progressive: progressive)
    }

    /// Index of the most informative item at θ = mean among those passing `keep`.
    func best(_ candidates: [ItemCandidate<Int>], at theta: Double, where keep: (Int) -> Bool) -> Int? {
        candidates.indices.filter(keep).max {
            let x = candidates[$0].parameters.information(at: theta), y = candidates[$1].parameters.information(at: theta)
            return x != y ? x < y : $0 > $1
        }
    }

    @Test("the restriction never returns an item at or over the limit while another is eligible")
    func restriction() throws {
        let candidates = pool()
        var g = SeededGenerator(seed: 11)
        let limit = 0.3
        let selector = ItemSelector(exposureControl: try control(limit))
        for trial in 0..<300 {
            // Random rates, many of them exactly at the limit, and a few items already seen.
            let rates = candidates.map { _ in [0, 0.1, 0.29, limit, 0.31, 0.8][Int.random(in: 0..<6, using: &g)] }
            let seen = Set(candidates.indices.filter { _ in g.nextUnit() < 0.2 })
            let theta = -2.5 + 5 * g.nextUnit()
            let ability = AbilityEstimate(mean: theta, variance: 0.1)
            let chosen = try #require(selector.selectIndex(
                from: candidates, ability: ability, exposureRate: { rates[$0] }, using: &g) { !seen.contains($0) })
            #expect(!seen.contains(chosen))
            let underLimit = { (i: Int) in !seen.contains(i) && rates[i] < limit }
            if candidates.indices.contains(where: underLimit) {
                #expect(rates[chosen] < limit, "trial \(trial)")
                #expect(chosen == best(candidates, at: theta, where: underLimit), "trial \(trial)")
            }
        }
    }

    @Test("with every item at or over the limit selection falls back to maximum information")
    func fallback() throws {
        let candidates = pool()
        var g = SeededGenerator(seed: 12)
        let selector = ItemSelector(exposureControl: try control(0.2))
        let plain = ItemSelector()
        for theta in stride(from: -2.0, through: 2.0, by: 0.5) {
            let ability = AbilityEstimate(mean: theta, variance: 0.1)
            let overLimit = selector.select(from: candidates, ability: ability, exposureRate: { 0.2 + Double($0) / 100 }, using: &g)
            #expect(overLimit != nil)
            #expect(overLimit == plain.select(from: candidates, ability: ability, using: &g))
        }
        // Everything seen: still nil, as without exposure control.
        let all = Set(candidates.map(\.id))
        #expect(selector.select(from: candidates, ability: .standardPrior, excluding: all, using: &g) == nil)
    }

    @Test("a new student's lower opening limit relaxes to the maximum rate before it is dropped")
    func openingLimit() throws {
        let candidates = pool()
        var g = SeededGenerator(seed: 13)
        let limits = try control(0.3, openingShare: 0.5)
        let selector = ItemSelector(exposureControl: limits)
        let newcomer = AbilityEstimate.standardPrior
        let settled = AbilityEstimate(mean: 0, variance: 0.1)
        #expect(abs(limits.limit(at: newcomer) - 0.15) < 1e-12)
        #expect(limits.limit(at: settled) == 0.3)
        // The best item at 0 at 0.2 (under R, over the opening limit), one item at 0.1, the rest at R.
        let top = try #require(best(candidates, at: 0) { _ in true })
        let other = try #require(best(candidates, at: 0) { $0 != top })
        let rates = candidates.indices.map { $0 == top ? 0.2 : $0 == other ? 0.1 : 0.3 }
        #expect(selector.select(from: candidates, ability: newcomer, exposureRate: { rates[$0] }, using: &g)?.id == other)
        #expect(selector.select(from: candidates, ability: settled, exposureRate: { rates[$0] }, using: &g)?.id == top)
        // Without the item under the opening limit, the newcomer gets the one under R.
        let relaxed = candidates.indices.map { $0 == top ? 0.2 : 0.3 }
        #expect(selector.select(from: candidates, ability: newcomer, exposureRate: { relaxed[$0] }, using: &g)?.id == top)
    }

    @Test("the limit rises with precision from the opening share to the maximum rate")
    func progress() throws {
        let limits = try ExposureControl(maxRate: 0.4, openingShare: 0.5, settledSD: 0.5)
        #expect(limits.progress(at: .standardPrior) == 0)
        #expect(limits.progress(at: AbilityEstimate(mean: 1, variance: 2)) == 0)
        // 1/σ² − 1 = 1.5 of the 3 needed to reach SD 0.5.
        #expect(abs(limits.progress(at: AbilityEstimate(mean: 0, variance: 0.4)) - 0.5) < 1e-12)
        #expect(abs(limits.limit(at: AbilityEstimate(mean: 0, variance: 0.4)) - 0.3) < 1e-12)
        #expect(limits.progress(at: AbilityEstimate(mean: 0, variance: 0.25)) == 1)
        #expect(limits.progress(at: AbilityEstimate(mean: 0, variance: 0)) == 1)
    }

    @Test("content balancing chooses the sub type first; the restriction and its fall-back work inside it")
    func contentFirst() throws {
        let candidates = pool()
        var g = SeededGenerator(seed: 14)
        let selector = ItemSelector(exposureControl: try control(0.3))
        let balance = ContentBalance(targets: ["pk": 1])
        // Every pk item over the limit, every other item free: still a pk item, the best one.
        let rates = candidates.map { $0.subtype == "pk" ? 0.5 : 0 }
        let chosen = try #require(selector.select(
            from: candidates, ability: .standardPrior, balance: balance, exposureRate: { rates[$0] }, using: &g))
        #expect(chosen.subtype == "pk")
        #expect(chosen.id == best(candidates, at: 0) { candidates[$0].subtype == "pk" })
        // One pk item under the limit: that one.
        let one = candidates.first { $0.subtype == "pk" && $0.parameters.b < -1 }!.id
        let chosenAgain = selector.select(
            from: candidates, ability: .standardPrior, balance: balance,
            exposureRate: { $0 == one ? 0.1 : rates[$0] }, using: &g)
        #expect(chosenAgain?.id == one)
    }

    @Test("without exposure control the rates are never read and nothing changes")
    func noControl() {
        let candidates = pool()
        var a = SeededGenerator(seed: 15)
        var b = SeededGenerator(seed: 15)
        for theta in stride(from: -2.0, through: 2.0, by: 0.25) {
            let ability = AbilityEstimate(mean: theta, variance: 0.3)
            let withRates = ItemSelector(randomesque: 3).select(
                from: candidates, ability: ability, exposureRate: { _ in Issue.record("rate read"); return 1 }, using: &a)
            #expect(withRates == ItemSelector(randomesque: 3).select(from: candidates, ability: ability, using: &b))
        }
    }

    @Test("the progressive component spreads a newcomer's items, is deterministic, and fades once settled")
    func progressive() throws {
        let candidates = pool()
        let selector = ItemSelector(exposureControl: try control(1, progressive: true))
        func draws(_ seed: UInt64, _ ability: AbilityEstimate) -> [Int] {
            var g = SeededGenerator(seed: seed)
            return (0..<100).compactMap { _ in selector.select(from: candidates, ability: ability, using: &g)?.id }
        }
        #expect(draws(16, .standardPrior) == draws(16, .standardPrior))
        #expect(Set(draws(16, .standardPrior)).count > 10)
        let settled = AbilityEstimate(mean: 0.3, variance: 0.1)
        #expect(Set(draws(16, settled)) == [best(candidates, at: 0.3) { _ in true }!])
        var g = SeededGenerator(seed: 17)
        let before = g
        _ = selector.select(from: candidates, ability: settled, using: &g)
        #expect(g == before)
    }

    @Test("invalid limits are rejected")
    func validation() {
        for rate in [0, -0.1, 1.000001, 2, .nan, .infinity] {
            let error = #expect(throws: ExposureControlError.self) { try ExposureControl(maxRate: rate) }
            if case .invalidMaxRate? = error {} else { Issue.record("\(rate): \(String(describing: error))") }
        }
        #expect(throws: ExposureControlError.invalidMaxRate(0)) { try ExposureControl(maxRate: 0) }
        #expect(throws: ExposureControlError.invalidMaxRate(1.5)) { try ExposureControl(maxRate: 1.5) }
        #expect(throws: ExposureControlError.invalidOpeningShare(0)) { try ExposureControl(maxRate: 0.3, openingShare: 0) }
        #expect(throws: ExposureControlError.invalidOpeningShare(1.2)) { try ExposureControl(maxRate: 0.3, openingShare: 1.2) }
        #expect(throws: ExposureControlError.invalidSettledSD(1)) { try ExposureControl(maxRate: 0.3, settledSD: 1) }
        #expect(throws: ExposureControlError.invalidSettledSD(0)) { try ExposureControl(maxRate: 0.3, settledSD: 0) }
        #expect(throws: Never.self) { try ExposureControl(maxRate: 1) }
        #expect(throws: Never.self) { try ExposureControl(maxRate: 0.3, openingShare: 1, settledSD: 0.2) }
    }
}
