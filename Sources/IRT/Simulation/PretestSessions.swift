/// Where pretest items go in a practice session: served position n (1-based) holds a pretest
/// item when ⌊n·r⌋ > ⌊(n − 1)·r⌋, i.e. every (1/r)-th served item — positions 10, 20, 30 … for
/// r = 0.1. Deterministic, so every session carries the same number of pretest items and a rate
/// that is not a reciprocal (0.15) still gives exactly r of the served items in the long run.
struct PretestSchedule: Sendable, Hashable {
    /// Share of served items that are pretest items, 0 ≤ r < 1.
    let rate: Double

    /// Whether served position `n` (1-based) holds a pretest item.
    func isPretest(position n: Int) -> Bool {
        guard rate > 0 else { return false }
        // The small offset keeps 30 × 0.1 = 3.0000000000000004 and 0.3 × 10 = 2.9999999999999996 alike.
        return (Double(n) * rate + 1e-9).rounded(.down) > (Double(n - 1) * rate + 1e-9).rounded(.down)
    }

    /// Pretest items in a session of `length` operational items, which ends with its last
    /// operational item.
    func pretestCount(operationalLength length: Int) -> Int {
        var operational = 0, pretest = 0, position = 0
        while operational < length {
            position += 1
            if isPretest(position: position) { pretest += 1 } else { operational += 1 }
        }
        return pretest
    }
}

/// Adaptive practice sessions with pretest items seeded in, as the server runs them.
///
/// Each simulee answers `length` operational items chosen by `selector` at the current ability
/// estimate, which `estimator` updates after each operational answer. At the positions of
/// `schedule` a pretest item is served instead, drawn uniformly among the pretest items the
/// simulee has not yet seen in the session; its answer is recorded for calibration and nothing
/// else — it does not touch the estimate.
///
/// Two generators, made from two seeds: the operational one drives operational answers and any
/// randomesque draws, the pretest one picks pretest items and draws their answers. So the
/// operational part of every session — items, answers, final θ̂ — is bit for bit the same
/// whatever the rate, and the simulation can show that seeding pretest items costs θ nothing.
struct PretestSessions {
    /// The parameters the server uses for selection and scoring (here the true ones).
    let operationalBank: [ItemParameters]
    /// True parameters of the pretest items, which generate their answers.
    let pretestBank: [ItemParameters]
    /// Operational items per session.
    let length: Int
    let schedule: PretestSchedule
    let selector: ItemSelector
    let estimator: CATEstimator
    let prior: AbilityEstimate

    /// Every simulee's responses, pretest item j coded as item `operationalBank.count + j`, and
    /// final ability estimate.
    struct Outcome {
        var responses: [[(item: Int, correct: Bool)]]
        var estimates: [AbilityEstimate]
    }

    func run(thetas: [Double], operationalSeed: UInt64, pretestSeed: UInt64) -> Outcome {
        var operationalStream = SeededGenerator(seed: operationalSeed)
        var pretestStream = SeededGenerator(seed: pretestSeed)
        let pool = ItemPool(parameters: operationalBank)
        let updater = SequentialUpdater()
        let offset = operationalBank.count
        var used = [Bool](repeating: false, count: operationalBank.count)
        // Pretest items not yet served in the session are order[pretestServed...]; a partial
        // Fisher–Yates step draws the next one uniformly among them.
        var order = Array(pretestBank.indices)
        var outcome = Outcome(responses: [], estimates: [])
        outcome.responses.reserveCapacity(thetas.count)
        outcome.estimates.reserveCapacity(thetas.count)
        for theta in thetas {
            for i in used.indices { used[i] = false }
            // The full-history grid only for the EAP estimator; the sequential one needs none.
            var grid = estimator == .eap ? GridPosterior(prior: prior) : nil
            var estimate = prior
            var answers: [(item: Int, correct: Bool)] = []
            var operational = 0, served = 0, pretestServed = 0
            while operational < length {
                served += 1
                if schedule.isPretest(position: served) {
                    guard pretestServed < order.count else { continue }
                    let pick = pretestServed + Int(pretestStream.next() % UInt64(order.count - pretestServed))
                    order.swapAt(pretestServed, pick)
                    let j = order[pretestServed]
                    pretestServed += 1
                    answers.append((item: offset + j, correct: pretestStream.nextUnit() < pretestBank[j].probability(at: theta)))
                    continue
                }
                guard let i = selector.selectIndex(
                    in: pool, ability: estimate, using: &operationalStream, isEligible: { !used[$0] })
                else { break }
                used[i] = true
                operational += 1
                let correct = operationalStream.nextUnit() < operationalBank[i].probability(at: theta)
                answers.append((item: i, correct: correct))
                switch estimator {
                case .eap:
                    grid?.update(item: operationalBank[i], correct: correct)
                    estimate = grid?.estimate ?? estimate
                case .sequential:
                    estimate = updater.update(estimate, item: operationalBank[i], correct: correct)
                }
            }
            outcome.responses.append(answers)
            outcome.estimates.append(estimate)
        }
        return outcome
    }
}
