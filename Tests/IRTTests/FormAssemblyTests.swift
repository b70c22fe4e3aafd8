import Testing
@testable import IRT

/// A seeded 3PL pool (``SyntheticData/bank``) whose sub types cycle through `subtypes`.
func formAssemblyPool(
    count: Int = 120, seed: UInt64 = 2026, subtypes: [String] = ["induktif", "deduktif", "kuantitatif"]
) -> [ItemCandidate<String>] {
    var generator = SeededGenerator(seed: seed)
    let bank = SyntheticData.bank(count: count, model: .threePL, using: &generator)
    return bank.enumerated().map { i, item in
        ItemCandidate(id: "q\(i)", parameters: item, subtype: subtypes[i % subtypes.count])
    }
}

@Suite("Fixed form assembly")
struct FormAssemblyTests {
    let pu = ["induktif": 10, "deduktif": 10, "kuantitatif": 10]
    let puQuotas = [
        FormQuota(subtype: "induktif", count: 10), FormQuota(subtype: "deduktif", count: 10),
        FormQuota(subtype: "kuantitatif", count: 10),
    ]

    func counts(_ items: [ItemCandidate<String>]) -> [String: Int] {
        items.reduce(into: [:]) { $0[$1.subtype ?? "-", default: 0] += 1 }
    }

    /// The objective of a set of items, computed from scratch.
    func objectiveValue(_ items: [ItemCandidate<String>], _ objective: AssemblyObjective,
                        target: InformationTarget = .admissionRange) -> Double {
        let profile = target.points.map { theta in items.reduce(0) { $0 + $1.parameters.information(at: theta) } }
        return objective.value(profile, weights: target.weights)
    }

    @Test("explicit quotas are met exactly, other sub types are left out, order is quota then difficulty")
    func explicitQuotas() throws {
        let pool = formAssemblyPool(subtypes: ["induktif", "deduktif", "kuantitatif", "lain"])
        let form = try FormAssembler().assemble(from: pool, length: 30, quotas: puQuotas)
        #expect(form.items.count == 30)
        #expect(counts(form.items) == pu)
        #expect(form.quotas == puQuotas)
        // Grouped in quota order, difficulty ascending within each group.
        let groups = form.items.map { item in puQuotas.firstIndex { $0.subtype == item.subtype } ?? -1 }
        #expect(groups == groups.sorted() && !groups.contains(-1))
        for quota in puQuotas {
            let b = form.items.filter { $0.subtype == quota.subtype }.map(\.parameters.b)
            #expect(b == b.sorted())
        }
        #expect(form.reuseCount == 0 && Set(form.items.map(\.id)).count == 30)
    }

    @Test("derived quotas are proportional to the pool, by largest remainder")
    func proportionalQuotas() throws {
        func quotas(_ length: Int, _ spec: [(String?, Int)]) -> [FormQuota] {
            FormQuota.proportional(length: length, subtypes: spec.flatMap { Array(repeating: $0.0, count: $0.1) })
        }
        // 8.33 / 6.67 / 5: the one spare seat goes to the largest remainder.
        #expect(quotas(20, [("a", 50), ("b", 40), ("c", 30)]).map(\.count) == [8, 7, 5])
        // Equal remainders: the larger pool share wins, then the first seen.
        #expect(quotas(10, [("a", 6), ("b", 7), ("c", 7)]).map(\.count) == [3, 4, 3])
        #expect(quotas(10, [("x", 5), ("y", 5), ("z", 5)]).map(\.count) == [4, 3, 3])
        // Unclassified items are a sub type of their own; order is first appearance.
        #expect(quotas(4, [(nil, 2), ("a", 6)]) == [FormQuota(subtype: nil, count: 1), FormQuota(subtype: "a", count: 3)])
        #expect(quotas(0, [("a", 3)]).isEmpty && FormQuota.proportional(length: 5, subtypes: []).isEmpty)
        // Sums to the length even for awkward shares; never beyond what the pool holds.
        let awkward = quotas(17, [("a", 1), ("b", 3), ("c", 11), ("d", 2)])
        #expect(awkward.reduce(0) { $0 + $1.count } == 17)
        #expect(zip(awkward, [1, 3, 11, 2]).allSatisfy { $0.count <= $1 })

        // The assembler derives them from the whole pool when none are given.
        let pool = formAssemblyPool(count: 70, subtypes: ["a", "a", "b", "b", "b", "c", "c"])
        let form = try FormAssembler().assemble(from: pool, length: 20)
        #expect(form.quotas == FormQuota.proportional(length: 20, subtypes: pool.map(\.subtype)))
        #expect(form.quotas.map(\.count) == [6, 8, 6])
        #expect(counts(form.items) == ["a": 6, "b": 8, "c": 6])
    }

    @Test("the assembled form beats random forms with the same quotas", arguments: [
        AssemblyObjective.totalInformation, .posteriorVariance,
    ])
    func beatsRandomForms(objective: AssemblyObjective) throws {
        let pool = formAssemblyPool()
        let form = try FormAssembler(objective: objective).assemble(from: pool, length: 30, quotas: puQuotas)
        let assembled = objectiveValue(form.items, objective)
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<200 {
            let random = puQuotas.flatMap { quota in
                pool.filter { $0.subtype == quota.subtype }.shuffled(using: &generator).prefix(quota.count)
            }
            #expect(assembled >= objectiveValue(random, objective))
            // Total information is what the brief asks for: better than chance under either objective.
            let randomForm = AssembledForm(items: random, quotas: puQuotas, target: .admissionRange, reusedItems: [], swapCount: 0)
            #expect(form.weightedInformation >= randomForm.weightedInformation)
        }
    }

    @Test("total information: the form is the most informative items of each sub type")
    func totalInformationIsOptimal() throws {
        let pool = formAssemblyPool()
        let target = InformationTarget.admissionRange
        let form = try FormAssembler().assemble(from: pool, length: 30, quotas: puQuotas)
        func score(_ c: ItemCandidate<String>) -> Double {
            target.weightedSum(target.points.map { c.parameters.information(at: $0) })
        }
        for quota in puQuotas {
            let best = pool.filter { $0.subtype == quota.subtype }.sorted { score($0) > score($1) }.prefix(quota.count)
            #expect(Set(form.items.filter { $0.subtype == quota.subtype }.map(\.id)) == Set(best.map(\.id)))
        }
        #expect(form.swapCount == 0)
    }

    @Test("no swap within a sub type improves the result", arguments: [
        AssemblyObjective.totalInformation, .posteriorVariance,
    ])
    func swapLocalOptimum(objective: AssemblyObjective) throws {
        let pool = formAssemblyPool(count: 60)
        let form = try FormAssembler(objective: objective).assemble(from: pool, length: 20, quotas: [
            FormQuota(subtype: "induktif", count: 7), FormQuota(subtype: "deduktif", count: 7),
            FormQuota(subtype: "kuantitatif", count: 6),
        ])
        let value = objectiveValue(form.items, objective)
        let chosen = Set(form.items.map(\.id))
        for (position, out) in form.items.enumerated() {
            for candidate in pool where candidate.subtype == out.subtype && !chosen.contains(candidate.id) {
                var swapped = form.items
                swapped[position] = candidate
                #expect(objectiveValue(swapped, objective) <= value + 1e-12 * max(1, abs(value)))
            }
        }
    }

    @Test("the swap pass undoes a greedy choice that only looked best on its own")
    func swapPassImprovesGreedy() throws {
        // At θ = ±1 a broad item (b 0) is worth 0.42 at both points; a specialist (b ∓1) 1.0 at its
        // own point and 0.07 at the other. Greedy takes the broad item first (it lowers the mean
        // posterior variance most on its own), then one specialist; the two specialists together
        // are better, and one swap finds them.
        let pool = [
            ItemCandidate(id: "broad", parameters: ItemParameters(a: 2, b: 0)),
            ItemCandidate(id: "low", parameters: ItemParameters(a: 2, b: -1)),
            ItemCandidate(id: "high", parameters: ItemParameters(a: 2, b: 1)),
        ]
        let target = try #require(InformationTarget(points: [-1, 1]))
        let form = try FormAssembler(target: target, objective: .posteriorVariance).assemble(from: pool, length: 2)
        #expect(form.items.map(\.id) == ["low", "high"])
        #expect(form.swapCount == 1)
        let greedy = [pool[0], pool[1]]
        #expect(objectiveValue(form.items, .posteriorVariance, target: target)
            > objectiveValue(greedy, .posteriorVariance, target: target))
    }

    @Test("forms assembled in sequence with exclusion share no item when the pool allows")
    func exclusionDisjoint() throws {
        let pool = formAssemblyPool()
        let assembler = FormAssembler()
        var used = Set<String>()
        for _ in 0..<4 {
            // 40 items per sub type, 10 per form: four forms fit without overlap.
            let form = try assembler.assemble(from: pool, length: 30, quotas: puQuotas, excluding: used)
            let ids = Set(form.items.map(\.id))
            #expect(ids.isDisjoint(with: used))
            #expect(form.reuseCount == 0 && counts(form.items) == pu)
            used.formUnion(ids)
        }
        #expect(used.count == 120)
    }

    @Test("when the pool is short, the second form reuses as few items as the quotas allow")
    func exclusionMinimalReuse() throws {
        // 15 items per sub type, 10 per form: the second form has 5 fresh items per sub type.
        let pool = formAssemblyPool(count: 45)
        let assembler = FormAssembler()
        let first = try assembler.assemble(from: pool, length: 30, quotas: puQuotas)
        let firstIDs = Set(first.items.map(\.id))
        let second = try assembler.assemble(from: pool, length: 30, quotas: puQuotas, excluding: firstIDs)
        let shared = Set(second.items.map(\.id)).intersection(firstIDs)
        #expect(shared.count == 15 && second.reuseCount == 15)
        #expect(Set(second.reusedItems) == shared)
        #expect(counts(second.items) == pu)
        // Every item the first form left unused is on the second.
        #expect(Set(pool.map(\.id)).subtracting(firstIDs).isSubset(of: Set(second.items.map(\.id))))

        // Shortage in one sub type only: reuse happens there and nowhere else.
        let uneven = [FormQuota(subtype: "induktif", count: 10), FormQuota(subtype: "deduktif", count: 4),
                      FormQuota(subtype: "kuantitatif", count: 4)]
        let a = try assembler.assemble(from: pool, length: 18, quotas: uneven)
        let b = try assembler.assemble(from: pool, length: 18, quotas: uneven, excluding: Set(a.items.map(\.id)))
        let reused = b.items.filter { b.reusedItems.contains($0.id) }
        #expect(b.reuseCount == 5 && reused.allSatisfy { $0.subtype == "induktif" })
    }

    @Test("assembly is deterministic")
    func deterministic() throws {
        let pool = formAssemblyPool()
        for objective in [AssemblyObjective.totalInformation, .posteriorVariance] {
            let assembler = FormAssembler(objective: objective)
            let excluded = Set(pool.prefix(50).map(\.id))
            let once = try assembler.assemble(from: pool, length: 25, excluding: excluded)
            let twice = try assembler.assemble(from: pool, length: 25, excluding: Set(excluded.reversed()))
            #expect(once == twice)
        }
        // Identical items: ties go to the earlier candidate.
        let same = (0..<6).map { ItemCandidate(id: $0, parameters: ItemParameters(a: 1, b: 0.5, c: 0.2)) }
        #expect(try FormAssembler().assemble(from: same, length: 3).items.map(\.id) == [0, 1, 2])
    }

    @Test("the reported information is the form's test information at each target point")
    func reportedInformation() throws {
        let form = try FormAssembler().assemble(from: formAssemblyPool(), length: 20)
        #expect(form.targetInformation.map(\.theta) == [-1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5])
        for point in form.targetInformation {
            let sum = form.items.reduce(0) { $0 + $1.parameters.information(at: point.theta) }
            #expect(abs(point.information - sum) < 1e-12)
            #expect(abs(point.standardError - 1 / sum.squareRoot()) < 1e-12)
            #expect(abs(form.information(at: point.theta) - sum) < 1e-12)
        }
        let mean = form.targetInformation.reduce(0) { $0 + $1.information } / 8
        #expect(abs(form.weightedInformation - mean) < 1e-12)
    }

    @Test("targets: equal default weights, normalisation, and rejection of meaningless ones")
    func targets() throws {
        let weighted = try #require(InformationTarget(points: [0, 1], weights: [1, 3]))
        #expect(weighted.weights == [0.25, 0.75])
        #expect(InformationTarget.admissionRange.weights.allSatisfy { abs($0 - 0.125) < 1e-15 })
        #expect(InformationTarget(points: []) == nil)
        #expect(InformationTarget(points: [.nan]) == nil)
        #expect(InformationTarget(points: [0, 1], weights: [1]) == nil)
        #expect(InformationTarget(points: [0, 1], weights: [0, 0]) == nil)
        #expect(InformationTarget(points: [0, 1], weights: [-1, 2]) == nil)
    }

    @Test("typed errors for pools and quotas that cannot make a form")
    func errors() {
        let pool = formAssemblyPool(count: 12)
        let assembler = FormAssembler()
        #expect(throws: FormAssemblyError.invalidLength(0)) { try assembler.assemble(from: pool, length: 0) }
        #expect(throws: FormAssemblyError.poolTooSmall(available: 12, required: 13)) {
            try assembler.assemble(from: pool, length: 13)
        }
        // Four induktif items in the pool; even reusing every excluded one cannot make five.
        #expect(throws: FormAssemblyError.quotaUnfillable(subtype: "induktif", required: 5, available: 4)) {
            try assembler.assemble(from: pool, length: 9, quotas: [
                FormQuota(subtype: "induktif", count: 5), FormQuota(subtype: "deduktif", count: 4),
            ], excluding: Set(pool.map(\.id)))
        }
        #expect(throws: FormAssemblyError.quotaUnfillable(subtype: "lain", required: 1, available: 0)) {
            try assembler.assemble(from: pool, length: 1, quotas: [FormQuota(subtype: "lain", count: 1)])
        }
        #expect(throws: FormAssemblyError.quotaTotalMismatch(total: 8, length: 9)) {
            try assembler.assemble(from: pool, length: 9, quotas: [
                FormQuota(subtype: "induktif", count: 4), FormQuota(subtype: "deduktif", count: 4),
            ])
        }
        #expect(throws: FormAssemblyError.invalidQuota(FormQuota(subtype: "induktif", count: -1))) {
            try assembler.assemble(from: pool, length: 5, quotas: [
                FormQuota(subtype: "deduktif", count: 4), FormQuota(subtype: "induktif", count: -1),
            ])
        }
        #expect(throws: FormAssemblyError.invalidQuota(FormQuota(subtype: "induktif", count: 4))) {
            try assembler.assemble(from: pool, length: 3, quotas: [FormQuota(subtype: "induktif", count: 4)])
        }
        #expect(throws: FormAssemblyError.invalidQuota(FormQuota(subtype: "induktif", count: 1))) {
            try assembler.assemble(from: pool, length: 3, quotas: [
                FormQuota(subtype: "induktif", count: 2), FormQuota(subtype: "induktif", count: 1),
            ])
        }
        var malformed = pool
        malformed[3].parameters.a = .nan
        #expect(throws: FormAssemblyError.malformedItem(index: 3)) { try assembler.assemble(from: malformed, length: 3) }
        var duplicated = pool
        duplicated[5].id = duplicated[1].id
        #expect(throws: FormAssemblyError.duplicateItem(index: 5)) { try assembler.assemble(from: duplicated, length: 3) }
    }
}
