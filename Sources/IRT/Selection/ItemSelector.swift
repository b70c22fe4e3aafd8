/// Chooses the next item for a student: maximum information (pointwise or posterior-weighted),
/// randomesque exposure control among the top `randomesque` items, optional restricted(-progressive)
/// exposure control (``ExposureControl``), optional content balancing, and exclusion of items
/// already seen.
///
/// Order of the rules: content balancing picks the sub type among the eligible items; within it
/// the exposure restriction removes items at or over the student's limit (relaxed to the maximum
/// rate, then dropped, if that leaves none); the
/// progressive component, if any, mixes randomness into the scores; the item is drawn among the
/// top `randomesque` scores. Content comes before exposure because a practice session's coverage
/// of sub types matters more than the last bit of exposure of a small sub type.
///
/// Guarantees, relied on by the server and tested:
/// - never returns an excluded or ineligible item;
/// - never returns an item at or over the student's exposure limit while the chosen sub type has
///   an eligible item under it, nor one at or over `maxRate` while it has one under that;
/// - returns nil only when no candidate is eligible at all (a small pool just narrows the
///   randomesque draw; an exhausted sub type falls back to the next by ``ContentBalance``);
/// - deterministic for a given generator state; with `randomesque == 1`, or only one item in the
///   top group, and no progressive component still at work, it consumes no randomness at all;
/// - ties in score go to the earlier candidate.
public struct ItemSelector: Sendable, Hashable {
    /// Scoring rule.
    public var criterion: SelectionCriterion
    /// Size k of the top group the item is drawn from uniformly (1 = pure maximum information).
    public var randomesque: Int
    /// Exposure limit and progressive component; nil = no exposure restriction.
    public var exposureControl: ExposureControl?

    /// Creates a selector; `randomesque` below 1 is treated as 1.
    public init(
        criterion: SelectionCriterion = .maximumInformation, randomesque: Int = 1,
        exposureControl: ExposureControl? = nil
    ) {
        self.criterion = criterion
        self.randomesque = max(randomesque, 1)
        self.exposureControl = exposureControl
    }

    /// The next item among `candidates`, skipping ids in `excluding`.
    ///
    /// `exposureRate(id)` is the item's current exposure rate (fraction of the active students
    /// who were served it); it is read only when ``exposureControl`` is set.
    public func select<ID, G: RandomNumberGenerator>(
        from candidates: [ItemCandidate<ID>],
        ability: AbilityEstimate,
        excluding excluded: Set<ID> = [],
        balance: ContentBalance? = nil,
        exposureRate: (ID) -> Double = { _ in 0 },
        using generator: inout G
    ) -> ItemCandidate<ID>? {
        let index: Int?
        if excluded.isEmpty {
            index = selectIndex(
                from: candidates, ability: ability, balance: balance,
                exposureRate: { exposureRate(candidates[$0].id) }, using: &generator) { _ in true }
        } else {
            index = selectIndex(
                from: candidates, ability: ability, balance: balance,
                exposureRate: { exposureRate(candidates[$0].id) }, using: &generator) {
                !excluded.contains(candidates[$0].id)
            }
        }
        return index.map { candidates[$0] }
    }

    /// Index of the next item among the candidates for which `isEligible(index)` is true.
    ///
    /// The predicate form lets hot loops exclude items with a bitmap instead of hashing ids.
    public func selectIndex<ID, G: RandomNumberGenerator>(
        from candidates: [ItemCandidate<ID>],
        ability: AbilityEstimate,
        balance: ContentBalance? = nil,
        exposureRate: (Int) -> Double = { _ in 0 },
        using generator: inout G,
        isEligible: (Int) -> Bool
    ) -> Int? {
        selectIndex(
            in: ItemPool(candidates), ability: ability, balance: balance, exposureRate: exposureRate,
            using: &generator, isEligible: isEligible)
    }

    /// As above on a prepared ``ItemPool``: the form for callers that select many times from one
    /// bank (simulations, a cached section bank), which skips re-reading the candidates.
    ///
    /// `exposureRate(index)` is item index's current exposure rate, read only when
    /// ``exposureControl`` is set. One pass over the pool per rule in use, no allocation per
    /// candidate (the progressive scores live in one temporary buffer).
    public func selectIndex<G: RandomNumberGenerator>(
        in pool: ItemPool,
        ability: AbilityEstimate,
        balance: ContentBalance? = nil,
        exposureRate: (Int) -> Double = { _ in 0 },
        using generator: inout G,
        isEligible: (Int) -> Bool
    ) -> Int? {
        // Content balancing first narrows the pool to one sub type.
        var restrictTo: String?? = nil
        if let balance {
            var available = Set<String?>()
            for i in 0..<pool.count where isEligible(i) {
                available.insert(pool.subtypes[i])
            }
            guard let chosen = balance.preferredSubtype(among: available) else { return nil }
            restrictTo = .some(chosen)
        }
        // Exposure: the student's limit, relaxed to maxRate, then dropped, if it leaves no item.
        let limit = exposureControl.flatMap { control in
            Self.exposureLimit(
                control, ability: ability, in: pool, subtype: restrictTo, exposureRate: exposureRate, isEligible: isEligible)
        }
        let scorer = InformationScorer(criterion: criterion, ability: ability)
        let weight = exposureControl?.informationWeight(at: ability) ?? 1
        var top = TopK(capacity: randomesque)
        if weight >= 1 {
            pool.parameters.withUnsafeBufferPointer { parameters in
                for i in 0..<parameters.count where isEligible(i) {
                    if case .some(let subtype) = restrictTo, pool.subtypes[i] != subtype { continue }
                    if let limit, !ExposureControl.admits(exposureRate(i), under: limit) { continue }
                    top.offer(score: scorer.score(parameters[i]), index: i)
                }
            }
        } else {
            Self.offerProgressive(pool, weight: weight, scorer: scorer, into: &top, using: &generator) { i in
                guard isEligible(i) else { return false }
                if case .some(let subtype) = restrictTo, pool.subtypes[i] != subtype { return false }
                guard let limit else { return true }
                return ExposureControl.admits(exposureRate(i), under: limit)
            }
        }
        guard top.count > 0 else { return nil }
        if top.count == 1 { return top.indices[0] }
        return top.indices[Int.random(in: 0..<top.count, using: &generator)]
    }

    /// The exposure limit for this selection: the student's limit if an eligible item of the sub
    /// type is under it, else `maxRate` if one is under that, else nil (no restriction).
    private static func exposureLimit(
        _ control: ExposureControl, ability: AbilityEstimate, in pool: ItemPool, subtype restrictTo: String??,
        exposureRate: (Int) -> Double, isEligible: (Int) -> Bool
    ) -> Double? {
        let opening = control.limit(at: ability)
        var limit: Double? = nil
        for i in 0..<pool.count where isEligible(i) {
            if case .some(let subtype) = restrictTo, pool.subtypes[i] != subtype { continue }
            let rate = exposureRate(i)
            if ExposureControl.admits(rate, under: opening) { return opening }
            if limit == nil, ExposureControl.admits(rate, under: control.maxRate) { limit = control.maxRate }
        }
        return limit
    }

    /// The progressive rule: each candidate is offered with `(1 − weight)·U·H + weight·I`, H the
    /// largest information among the candidates. A first pass finds H and keeps the scores in a
    /// temporary buffer (NaN marks a non-candidate, since scores are never NaN); the second draws
    /// one uniform per candidate in index order, so the draws depend only on the generator state.
    private static func offerProgressive<G: RandomNumberGenerator>(
        _ pool: ItemPool, weight: Double, scorer: InformationScorer, into top: inout TopK, using generator: inout G,
        isCandidate: (Int) -> Bool
    ) {
        let parameters = pool.parameters
        withUnsafeTemporaryAllocation(of: Double.self, capacity: parameters.count) { scores in
            var highest = -Double.infinity
            for i in 0..<parameters.count {
                if isCandidate(i) {
                    let score = scorer.score(parameters[i])
                    scores[i] = score
                    highest = max(highest, score)
                } else {
                    scores[i] = .nan
                }
            }
            // With no positive information there is nothing to scale the random part by.
            let randomScale = highest > 0 && highest.isFinite ? (1 - max(weight, 0)) * highest : 0
            let informationWeight = max(weight, 0)
            for i in 0..<parameters.count where !scores[i].isNaN {
                let score = scores[i]
                guard score > -.infinity, randomScale > 0 else {
                    top.offer(score: score, index: i)
                    continue
                }
                top.offer(score: randomScale * generator.nextUnit() + informationWeight * score, index: i)
            }
        }
    }
}

/// Candidate parameters and sub types in index order, detached from the candidates' id type.
public struct ItemPool: Sendable, Hashable {
    /// Parameters of item i.
    public let parameters: [ItemParameters]
    /// Sub type of item i.
    public let subtypes: [String?]

    /// A pool of the given candidates, index i = candidates[i].
    public init<ID>(_ candidates: [ItemCandidate<ID>]) {
        parameters = candidates.map(\.parameters)
        subtypes = candidates.map(\.subtype)
    }

    /// A pool of unclassified items.
    public init(parameters: [ItemParameters]) {
        self.parameters = parameters
        subtypes = Array(repeating: nil, count: parameters.count)
    }

    /// Number of items.
    public var count: Int { parameters.count }
}

/// Scores an item by the selector's criterion at a fixed ability summary.
struct InformationScorer {
    private let mean: Double
    private let sd: Double
    private let pointwise: Bool
    private static let grid = StandardGrid(count: 31, halfWidth: 5)

    init(criterion: SelectionCriterion, ability: AbilityEstimate) {
        mean = ability.mean
        sd = ability.sd
        pointwise = criterion == .maximumInformation || !(ability.variance > 0)
    }

    /// Information, or −infinity for parameters that produce NaN (so they rank last).
    @inline(__always)
    func score(_ item: ItemParameters) -> Double {
        let value: Double
        if pointwise {
            value = item.information(at: mean)
        } else {
            var sum = 0.0
            let grid = Self.grid
            for k in 0..<grid.nodes.count {
                sum += grid.weights[k] * item.information(at: mean + sd * grid.nodes[k])
            }
            value = sum
        }
        return value.isNaN ? -.infinity : value
    }
}

/// The k best (score, index) pairs seen so far, best first; earlier indices win ties.
struct TopK {
    private(set) var scores: [Double] = []
    private(set) var indices: [Int] = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        scores.reserveCapacity(self.capacity)
        indices.reserveCapacity(self.capacity)
    }

    var count: Int { indices.count }

    @inline(__always)
    mutating func offer(score: Double, index: Int) {
        if indices.count == capacity {
            // Strictly greater: a tie with the current k-th item keeps the earlier one.
            guard score > scores[capacity - 1] else { return }
            scores.removeLast()
            indices.removeLast()
        }
        var position = scores.count
        while position > 0, score > scores[position - 1] { position -= 1 }
        scores.insert(score, at: position)
        indices.insert(index, at: position)
    }
}
