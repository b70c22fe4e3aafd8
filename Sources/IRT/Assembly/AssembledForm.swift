/// Test information of a form at one target point.
public struct TargetInformation: Sendable, Hashable, Codable {
    /// The ability point.
    public var theta: Double
    /// Σ over the form's items of I_i(θ).
    public var information: Double

    /// Creates a point of the information curve.
    public init(theta: Double, information: Double) {
        self.theta = theta
        self.information = information
    }

    /// 1/√I, the standard error an efficient estimator would reach at `theta` (infinite for I = 0).
    public var standardError: Double {
        information > 0 ? 1 / information.squareRoot() : .infinity
    }
}

/// A fixed form produced by ``FormAssembler``: its items in presentation order and how well it
/// measures at the target.
public struct AssembledForm<ID: Hashable & Sendable>: Sendable, Hashable {
    /// The items in presentation order: grouped by sub type in quota order, then by difficulty
    /// ascending within a group (easy to hard is the usual order of a printed section, and the
    /// order changes no information; equal difficulties keep the pool's order).
    public let items: [ItemCandidate<ID>]
    /// The quotas the form honours, in presentation order (given by the caller or derived).
    public let quotas: [FormQuota]
    /// The target the form was assembled against.
    public let target: InformationTarget
    /// Test information at each target point, in the target's order.
    public let targetInformation: [TargetInformation]
    /// Excluded items the form had to reuse because the rest of the pool could not fill a quota,
    /// in presentation order; as few as the quotas allow.
    public let reusedItems: [ID]
    /// Improving swaps made after the greedy pass (0 when greedy was already locally optimal).
    public let swapCount: Int

    /// Creates a form; used by the assembler.
    init(
        items: [ItemCandidate<ID>], quotas: [FormQuota], target: InformationTarget,
        reusedItems: [ID], swapCount: Int
    ) {
        self.items = items
        self.quotas = quotas
        self.target = target
        self.reusedItems = reusedItems
        self.swapCount = swapCount
        targetInformation = target.points.map { theta in
            TargetInformation(theta: theta, information: items.reduce(0) { $0 + $1.parameters.information(at: theta) })
        }
    }

    /// Number of excluded items reused.
    public var reuseCount: Int { reusedItems.count }

    /// Item parameters in presentation order (what scoring and simulation need).
    public var parameters: [ItemParameters] { items.map(\.parameters) }

    /// Test information Σ I_i(θ) at any θ.
    public func information(at theta: Double) -> Double {
        items.reduce(0) { $0 + $1.parameters.information(at: theta) }
    }

    /// Σ_k w_k·I(θ_k): the weighted mean information over the target (weights sum to 1).
    public var weightedInformation: Double {
        target.weightedSum(targetInformation.map(\.information))
    }
}
