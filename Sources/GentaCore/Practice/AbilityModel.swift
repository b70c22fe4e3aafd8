import Foundation
import IRT

/// How a student's ability in one section moves with each answer.
///
/// The prior is the stored posterior, widened for the days since it was last updated (a student
/// who has been studying elsewhere may have improved), then updated with the new response by
/// the IRT engine's sequential Bayesian (EAP) update. No response history is reloaded.
public struct AbilityModel: Sendable {
    public var updater: SequentialUpdater
    /// θ² per day of drift; see `VarianceInflation`.
    public var driftPerDay: Double

    public init(updater: SequentialUpdater = SequentialUpdater(), driftPerDay: Double = VarianceInflation.defaultDriftPerDay) {
        self.updater = updater
        self.driftPerDay = driftPerDay
    }

    /// The posterior after answering `item`, given the posterior stored at `lastUpdated`.
    public func update(
        _ stored: AbilityEstimate, lastUpdated: Date?, now: Date, item: ItemParameters, correct: Bool
    ) -> AbilityEstimate {
        let elapsedDays = lastUpdated.map { now.timeIntervalSince($0) / 86_400 } ?? 0
        let prior = stored.inflated(elapsedDays: elapsedDays, driftPerDay: driftPerDay)
        return updater.update(prior, item: item, correct: correct)
    }
}
