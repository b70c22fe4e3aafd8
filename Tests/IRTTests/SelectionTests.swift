import Testing
@testable import IRT

@Suite("Item selection")
struct SelectionTests {
    /// Items with b spread over [−2, 2] and alternating sub types.
    func pool(_ count: Int = 20) -> [ItemCandidate<String>] {
        (0..<count).map { i in
            ItemCandidate(
                id: "q\(i)",
                parameters: ItemParameters(a: 1 + Double(i % 3) * 0.3, b: -2 + 4 * Double(i) / Double(count - 1), c: 0.2),
                subtype: ["pu", "pk", "pbm"][i % 3])
        }
    }

    @Test("maximum information picks the most informative item at θ")
    func maximumInformation() throws {
        var g = SeededGenerator(seed: 1)
        let candidates = pool()
        let ability = AbilityEstimate(mean: 0.5, variance: 0.2)
        let chosen = try #require(ItemSelector().select(from: candidates, ability: ability, using: &g))
        let best = candidates.max { $0.parameters.information(at: 0.5) < $1.parameters.information(at: 0.5) }
        #expect(chosen.id == best?.id)
    }

    @Test("never returns an excluded item, and nil only when nothing is eligible")
    func exclusion() {
        var g = SeededGenerator(seed: 2)
        let candidates = pool()
        var excluded = Set<String>()
        let selector = ItemSelector(randomesque: 4)
        for _ in candidates {
            let chosen = selector.select(from: candidates, ability: .standardPrior, excluding: excluded, using: &g)
            #expect(chosen != nil)
            if let chosen {
                #expect(!excluded.contains(chosen.id))
                excluded.insert(chosen.id)
            }
        }
        #expect(excluded.count == candidates.count)
        #expect(selector.select(from: candidates, ability: .standardPrior, excluding: excluded, using: &g) == nil)
    }

    @Test("empty candidate list gives nil; one item is always chosen")
    func degeneratePools() {
        var g = SeededGenerator(seed: 3)
        let selector = ItemSelector(criterion: .posteriorWeightedInformation, randomesque: 5)
        #expect(selector.select(from: [ItemCandidate<Int>](), ability: .standardPrior, using: &g) == nil)
        let one = [ItemCandidate(id: 9, parameters: ItemParameters(a: 1, b: 0))]
        #expect(selector.select(from: one, ability: .standardPrior, using: &g)?.id == 9)
        #expect(selector.select(from: one, ability: .standardPrior,
                                balance: ContentBalance(targets: ["pu": 1]), using: &g)?.id == 9)
    }

    @Test("identical items: the first wins under maximum information, draws stay in the top k")
    func identicalItems() {
        var g = SeededGenerator(seed: 4)
        let same = (0..<6).map { ItemCandidate(id: $0, parameters: ItemParameters(a: 1, b: 0, c: 0.2)) }
        #expect(ItemSelector().select(from: same, ability: .standardPrior, using: &g)?.id == 0)
        for _ in 0..<50 {
            let id = ItemSelector(randomesque: 3).select(from: same, ability: .standardPrior, using: &g)?.id
            #expect(id.map { (0..<3).contains($0) } == true)
        }
    }

    @Test("randomesque draws are deterministic for a seed and spread over the top k")
    func randomesque() {
        let candidates = pool(30)
        let selector = ItemSelector(randomesque: 5)
        func draws(_ seed: UInt64) -> [String] {
            var g = SeededGenerator(seed: seed)
            return (0..<200).compactMap { _ in selector.select(from: candidates, ability: .standardPrior, using: &g)?.id }
        }
        #expect(draws(10) == draws(10))
        #expect(Set(draws(10)).count == 5)
        let top5 = candidates.sorted { $0.parameters.information(at: 0) > $1.parameters.information(at: 0) }.prefix(5)
        #expect(Set(draws(10)) == Set(top5.map(\.id)))
    }

    @Test("pure maximum information consumes no randomness")
    func noRandomnessWithoutRandomesque() {
        var g = SeededGenerator(seed: 5)
        let before = g
        _ = ItemSelector().select(from: pool(), ability: .standardPrior, using: &g)
        #expect(g == before)
    }

    @Test("content balancing draws from the sub type furthest below its target")
    func contentBalancing() throws {
        var g = SeededGenerator(seed: 6)
        let candidates = pool(30)
        let targets = ["pu": 0.5, "pk": 0.3, "pbm": 0.2]
        // Nothing administered: the largest target share goes first.
        var balance = ContentBalance(targets: targets)
        #expect(try #require(ItemSelector().select(from: candidates, ability: .standardPrior, balance: balance, using: &g)).subtype == "pu")
        // pu over-represented: pk is now furthest below target (0.3 − 0.0).
        balance.administered = ["pu": 3, "pbm": 1]
        #expect(try #require(ItemSelector().select(from: candidates, ability: .standardPrior, balance: balance, using: &g)).subtype == "pk")
        // Over a long run the shares approach the targets.
        var running = ContentBalance(targets: targets)
        var used = Set<String>()
        for _ in 0..<20 {
            let item = try #require(ItemSelector(randomesque: 2).select(
                from: candidates, ability: .standardPrior, excluding: used, balance: running, using: &g))
            used.insert(item.id)
            running.record(item.subtype)
        }
        #expect(running.administered == ["pu": 10, "pk": 6, "pbm": 4])
    }

    @Test("an exhausted sub type falls back to the next one")
    func balancingFallback() throws {
        var g = SeededGenerator(seed: 7)
        let candidates = pool(9)
        let pu = Set(candidates.filter { $0.subtype == "pu" }.map(\.id))
        let balance = ContentBalance(targets: ["pu": 1])
        let item = try #require(ItemSelector().select(from: candidates, ability: .standardPrior, excluding: pu, balance: balance, using: &g))
        #expect(item.subtype != "pu")
    }

    @Test("posterior-weighted information looks beyond the point estimate when the posterior is wide")
    func posteriorWeighted() throws {
        var g = SeededGenerator(seed: 8)
        // At θ̂ = 0 a moderate item (a 1.5, b 0.8) is worth 0.40 and a steep one just above it
        // (a 4, b 1) only 0.28; averaged over N(0, 2²) the steep one is worth ≈ 0.70 and the
        // moderate one ≈ 0.28, because ∫ I dθ = a.
        let steep = ItemCandidate(id: "steep", parameters: ItemParameters(a: 4, b: 1))
        let moderate = ItemCandidate(id: "moderate", parameters: ItemParameters(a: 1.5, b: 0.8))
        let wide = AbilityEstimate(mean: 0, variance: 4)
        #expect(try #require(ItemSelector().select(from: [steep, moderate], ability: wide, using: &g)).id == "moderate")
        let weighted = ItemSelector(criterion: .posteriorWeightedInformation)
        #expect(try #require(weighted.select(from: [steep, moderate], ability: wide, using: &g)).id == "steep")
        // With a point posterior the two criteria coincide.
        let point = AbilityEstimate(mean: 0, variance: 0)
        #expect(try #require(weighted.select(from: [steep, moderate], ability: point, using: &g)).id == "moderate")
    }

    @Test("deficit follows target minus administered share")
    func deficits() {
        let balance = ContentBalance(targets: ["a": 3, "b": 1], administered: ["a": 1, "b": 1])
        #expect(abs(balance.deficit(of: "a") - 0.25) < 1e-12)
        #expect(abs(balance.deficit(of: "b") + 0.25) < 1e-12)
        #expect(balance.deficit(of: nil) == 0)
        #expect(balance.share(of: "zzz") == 0)
    }
}
