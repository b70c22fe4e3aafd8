/// Assembles a fixed test form for one subtest of a tryout: n items from a calibrated pool that
/// honour content quotas and measure as well as possible over an ability target.
///
/// A tryout rehearses UTBK-SNBT, which everyone sits as the same questions, so its forms are fixed
/// rather than adaptive; what the assembler controls is which items go in. Steps:
/// 1. Quotas: the caller's (e.g. Penalaran Umum's three parts, 10 items each), or proportional to
///    the sub types in the pool (``FormQuota/proportional(length:subtypes:)``; the whole pool,
///    excluded items included, so every form of an event follows the same blueprint).
/// 2. Exclusion: items in `excluding` (already on another form of the same event) are avoided.
///    When a sub type's remaining items cannot fill its quota, all of them are taken and the
///    shortfall, and only that, is filled with excluded items: the fewest reuses possible.
/// 3. Search (``FormSearch``): greedy by the ``AssemblyObjective`` at the ``InformationTarget``,
///    then pairwise swaps within a sub type until no swap improves.
///
/// Deterministic for a given input: no randomness, ties go to the earlier candidate, so the same
/// pool in the same order always gives the same form.
public struct FormAssembler: Sendable, Hashable {
    /// Where the form must be informative.
    public var target: InformationTarget
    /// How forms are compared.
    public var objective: AssemblyObjective

    /// Creates an assembler; defaults: θ −1…2.5 with equal weights, total information.
    public init(target: InformationTarget = .admissionRange, objective: AssemblyObjective = .totalInformation) {
        self.target = target
        self.objective = objective
    }

    /// Assembles a form of `length` items from `candidates`.
    ///
    /// - Parameters:
    ///   - candidates: the pool for this subtest; ids must be unique, parameters well formed.
    ///   - length: number of items on the form (≥ 1).
    ///   - quotas: items per sub type, summing to `length`, in presentation order; nil derives
    ///     proportional quotas from the pool. Candidates of a sub type without a quota are not used.
    ///   - excluded: ids of items already used by another form of the same event.
    public func assemble<ID>(
        from candidates: [ItemCandidate<ID>], length: Int, quotas: [FormQuota]? = nil, excluding excluded: Set<ID> = []
    ) throws(FormAssemblyError) -> AssembledForm<ID> {
        guard length >= 1 else { throw .invalidLength(length) }
        var seen = Set<ID>()
        for (index, candidate) in candidates.enumerated() {
            guard candidate.parameters.isWellFormed else { throw .malformedItem(index: index) }
            guard seen.insert(candidate.id).inserted else { throw .duplicateItem(index: index) }
        }
        guard candidates.count >= length else { throw .poolTooSmall(available: candidates.count, required: length) }
        let plan = quotas ?? FormQuota.proportional(length: length, subtypes: candidates.map(\.subtype))
        try Self.validate(plan, length: length)

        // Members of each quota's sub type, in pool order.
        var quotaOf: [String?: Int] = [:]
        for (q, quota) in plan.enumerated() { quotaOf[quota.subtype] = q }
        var members = [[Int]](repeating: [], count: plan.count)
        for (i, candidate) in candidates.enumerated() {
            if let q = quotaOf[candidate.subtype] { members[q].append(i) }
        }

        // Fresh items first; a short sub type takes all of them and chooses only among excluded ones.
        var groups: [FormSearch.Group] = []
        var forced: [Int] = []
        for (q, quota) in plan.enumerated() {
            guard members[q].count >= quota.count else {
                throw .quotaUnfillable(subtype: quota.subtype, required: quota.count, available: members[q].count)
            }
            let fresh = members[q].filter { !excluded.contains(candidates[$0].id) }
            if fresh.count >= quota.count {
                groups.append(FormSearch.Group(eligible: fresh, count: quota.count))
            } else {
                forced += fresh
                let used = members[q].filter { excluded.contains(candidates[$0].id) }
                groups.append(FormSearch.Group(eligible: used, count: quota.count - fresh.count))
            }
        }

        let points = target.points
        var information = [Double](repeating: 0, count: candidates.count * points.count)
        for (i, candidate) in candidates.enumerated() {
            for (k, theta) in points.enumerated() {
                information[i * points.count + k] = candidate.parameters.information(at: theta)
            }
        }
        let search = FormSearch(information: information, pointCount: points.count, weights: target.weights, objective: objective)
        let (chosen, swaps) = search.run(groups: groups, forced: forced, candidateCount: candidates.count)

        // Presentation order: quota order, then difficulty ascending, then pool order.
        let ordered = chosen.sorted { x, y in
            let qx = quotaOf[candidates[x].subtype] ?? plan.count, qy = quotaOf[candidates[y].subtype] ?? plan.count
            if qx != qy { return qx < qy }
            let bx = candidates[x].parameters.b, by = candidates[y].parameters.b
            if bx != by { return bx < by }
            return x < y
        }
        let items = ordered.map { candidates[$0] }
        return AssembledForm(
            items: items, quotas: plan, target: target,
            reusedItems: items.map(\.id).filter { excluded.contains($0) }, swapCount: swaps)
    }

    /// Counts within 0…length, sub types distinct, total equal to the length.
    private static func validate(_ quotas: [FormQuota], length: Int) throws(FormAssemblyError) {
        var named = Set<String?>()
        for quota in quotas {
            // Bounding each count also keeps the total below overflow.
            guard (0...length).contains(quota.count), named.insert(quota.subtype).inserted else {
                throw .invalidQuota(quota)
            }
        }
        let total = quotas.reduce(0) { $0 + $1.count }
        guard total == length else { throw .quotaTotalMismatch(total: total, length: length) }
    }
}
