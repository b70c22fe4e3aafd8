/// Chooses the next item for a student: maximum information (pointwise or posterior-weighted),
/// randomesque exposure control among the top `randomesque` items, optional content balancing,
/// and exclusion of items already seen.
///
/// Guarantees, relied on by the server and tested:
/// - never returns an excluded or ineligible item;
/// - returns nil only when no candidate is eligible at all (a small pool just narrows the
///   randomesque draw; an exhausted sub type falls back to the next by ``ContentBalance``);
/// - deterministic for a given generator state; with `randomesque == 1`, or only one item in the
///   top group, it consumes no randomness at all;
/// - ties in score go to the earlier candidate.
public struct ItemSelector: Sendable, Hashable {
    /// Scoring rule.
    public var criterion: SelectionCriterion
    /// Size k of the top group the item is drawn from uniformly (1 = pure maximum information).
    public var randomesque: Int

    /// Creates a selector; `randomesque` below 1 is treated as 1.
    public init(criterion: SelectionCriterion = .maximumInformation, randomesque: Int = 1) {
        self.criterion = criterion
        self.randomesque = max(randomesque, 1)
    }

    /// The next item among `candidates`, skipping ids in `excluding`.
    public func select<ID, G: RandomNumberGenerator>(
        from candidates: [ItemCandidate<ID>],
        ability: AbilityEstimate,
        excluding excluded: Set<ID> = [],
        balance: ContentBalance? = nil,
        using generator: inout G
    ) -> ItemCandidate<ID>? {
        let index: Int?
        if excluded.isEmpty {
            index = selectIndex(from: candidates, ability: ability, balance: balance, using: &generator) { _ in true }
        } else {
            index = selectIndex(from: candidates, ability: ability, balance: balance, using: &generator) {
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
        using generator: inout G,
        isEligible: (Int) -> Bool
    ) -> Int? {
        selectIndex(in: ItemPool(candidates), ability: ability, balance: balance, using: &generator, isEligible: isEligible)
    }

    /// As above on a prepared ``ItemPool``: the form for callers that select many times from one
    /// bank (simulations, a cached section bank), which skips re-reading the candidates.
    public func selectIndex<G: RandomNumberGenerator>(
        in pool: ItemPool,
        ability: AbilityEstimate,
        balance: ContentBalance? = nil,
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
        let scorer = InformationScorer(criterion: criterion, ability: ability)
        var top = TopK(capacity: randomesque)
        pool.parameters.withUnsafeBufferPointer { parameters in
            for i in 0..<parameters.count where isEligible(i) {
                if case .some(let subtype) = restrictTo, pool.subtypes[i] != subtype { continue }
                top.offer(score: scorer.score(parameters[i]), index: i)
            }
        }
        guard top.count > 0 else { return nil }
        if top.count == 1 { return top.indices[0] }
        return top.indices[Int.random(in: 0..<top.count, using: &generator)]
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
