import Foundation
import GentaCore
import IRT

/// Runs a section's θ chain again over stored answers, exactly as `AttemptRecorder` and
/// `TryoutScorer` ran it live: each answer's prior is the previous answer's stored (rounded)
/// posterior, widened for the time between the two answers; the first answer's prior is the
/// standard one. A key correction uses it to recompute ability "as if the key had always been
/// right".
struct AbilityReplay {
    struct Step {
        var createdAt: Date
        var parameters: ItemParameters
        var isCorrect: Bool
        /// A pretest answer: recorded with θ as it was, and the chain goes on as if it were not there.
        var isPretest = false
    }

    struct Outcome: Equatable {
        var before: Double
        var after: Double
        var change: Double
        var varianceAfter: Double
    }

    let model: AbilityModel

    /// The outcomes of `steps` in order, starting from `start` (the stored posterior before the
    /// first step and the time it was reached; nil for a section's first answer).
    func run(_ steps: [Step], from start: (ability: AbilityEstimate, at: Date)?) -> [Outcome] {
        var ability = start?.ability ?? .standardPrior
        var last = start?.at
        return steps.map { step in
            if step.isPretest {
                let current = AttemptRecorder.roundTheta(ability.mean)
                return Outcome(before: current, after: current, change: 0, varianceAfter: AttemptRecorder.roundVariance(ability.variance))
            }
            let posterior = model.update(ability, lastUpdated: last, now: step.createdAt, item: step.parameters, correct: step.isCorrect)
            let before = AttemptRecorder.roundTheta(ability.mean)
            let after = AttemptRecorder.roundTheta(posterior.mean)
            let variance = AttemptRecorder.roundVariance(posterior.variance)
            ability = AbilityEstimate(mean: after, variance: variance)
            last = step.createdAt
            return Outcome(before: before, after: after, change: AttemptRecorder.roundTheta(after - before), varianceAfter: variance)
        }
    }
}
