/// The optimisation behind ``FormAssembler``, on candidate indices only: a greedy pass, then
/// best-improvement pairwise swaps within a group until no swap improves the objective.
///
/// Why this and not integer programming: quotas are the only constraints and pools are a few
/// hundred items. For the additive objective greedy is already optimal; for the non-additive one
/// the result is a form no single swap can improve (a local optimum, not a proven global one).
/// It needs no solver, runs in milliseconds and is deterministic: every tie goes to the earlier
/// candidate.
struct FormSearch {
    /// A set of candidates the form draws `count` items from.
    struct Group {
        /// Candidate indices that may be chosen, ascending.
        var eligible: [Int]
        /// How many to choose (≤ eligible.count).
        var count: Int
    }

    /// Row-major `candidates × points` item information at the target points.
    let information: [Double]
    /// Number of target points.
    let pointCount: Int
    /// Normalised target weights.
    let weights: [Double]
    /// What to maximise.
    let objective: AssemblyObjective

    /// Safety stop for the swap pass. Every swap strictly improves the objective, so the pass
    /// ends on its own; the cap only guards against a pathological pool.
    static let maximumSwaps = 100_000

    /// The chosen candidate indices (ascending; `forced` included) and the number of swaps made.
    func run(groups: [Group], forced: [Int], candidateCount: Int) -> (chosen: [Int], swaps: Int) {
        var chosen = [Bool](repeating: false, count: candidateCount)
        var groupOf = [Int](repeating: -1, count: candidateCount)
        for (g, group) in groups.enumerated() {
            for i in group.eligible { groupOf[i] = g }
        }
        for i in forced { chosen[i] = true }
        var profile = self.profile(of: chosen)

        // Greedy: add the item that raises the objective most, among groups still short.
        var remaining = groups.map(\.count)
        for _ in 0..<remaining.reduce(0, +) {
            var best = -1
            var bestValue = -Double.infinity
            for j in 0..<candidateCount where !chosen[j] && groupOf[j] >= 0 && remaining[groupOf[j]] > 0 {
                let value = valueAfter(profile, adding: j, removing: nil)
                if value > bestValue {
                    best = j
                    bestValue = value
                }
            }
            guard best >= 0 else { break }
            chosen[best] = true
            remaining[groupOf[best]] -= 1
            add(best, to: &profile)
        }

        // Swaps: replace a chosen item by an unchosen one of the same group while that helps.
        var swaps = 0
        while swaps < Self.maximumSwaps {
            let current = objective.value(profile, weights: weights)
            // A relative threshold keeps rounding noise from passing for an improvement.
            var bestValue = current + 1e-12 * max(1, abs(current))
            var best: (out: Int, in: Int)? = nil
            for i in 0..<candidateCount where chosen[i] && groupOf[i] >= 0 {
                for j in 0..<candidateCount where !chosen[j] && groupOf[j] == groupOf[i] {
                    let value = valueAfter(profile, adding: j, removing: i)
                    if value > bestValue {
                        best = (i, j)
                        bestValue = value
                    }
                }
            }
            guard let best else { break }
            chosen[best.out] = false
            chosen[best.in] = true
            // Recomputed, not updated in place, so rounding does not accumulate over many swaps.
            profile = self.profile(of: chosen)
            swaps += 1
        }
        return (chosen.indices.filter { chosen[$0] }, swaps)
    }

    /// Test information at each point of the chosen items, summed in index order.
    private func profile(of chosen: [Bool]) -> [Double] {
        var profile = [Double](repeating: 0, count: pointCount)
        for i in chosen.indices where chosen[i] { add(i, to: &profile) }
        return profile
    }

    private func add(_ i: Int, to profile: inout [Double]) {
        for k in 0..<pointCount { profile[k] += information[i * pointCount + k] }
    }

    /// The objective after adding `j` and (optionally) removing `i`, without changing `profile`.
    private func valueAfter(_ profile: [Double], adding j: Int, removing i: Int?) -> Double {
        var sum = 0.0
        for k in 0..<pointCount {
            var value = profile[k] + information[j * pointCount + k]
            if let i { value -= information[i * pointCount + k] }
            sum += objective.term(value, weight: weights[k])
        }
        return sum
    }
}
