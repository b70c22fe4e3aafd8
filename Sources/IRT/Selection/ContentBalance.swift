/// Content balancing toward target proportions of sub types.
///
/// Rule: among the sub types that still have eligible items, take the one furthest below its
/// target share, `deficit(s) = target(s)/Σ targets − administered(s)/Σ administered` (before any
/// item is administered the deficit is the target share itself). Ties go to the larger target,
/// then to the alphabetically first name, so the choice is deterministic. Sub types without a
/// target, and unclassified items (nil), have target 0: they are chosen only when no targeted
/// sub type has items left, which is how selection widens gracefully.
public struct ContentBalance: Sendable, Hashable, Codable {
    /// Target weights per sub type; any non-negative numbers, normalised to shares.
    public var targets: [String: Double]
    /// Items administered so far per sub type in this test or session.
    public var administered: [String: Int]

    /// Creates a balance from target weights and the counts administered so far.
    public init(targets: [String: Double], administered: [String: Int] = [:]) {
        self.targets = targets
        self.administered = administered
    }

    /// Target share minus administered share of `subtype` (nil = unclassified, target 0).
    public func deficit(of subtype: String?) -> Double {
        let targetShare = share(of: subtype)
        let given = administered.values.reduce(0, +)
        guard given > 0 else { return targetShare }
        let count = subtype.flatMap { administered[$0] } ?? 0
        return targetShare - Double(count) / Double(given)
    }

    /// Normalised target share of `subtype`; 0 when it has no target or all targets are 0.
    public func share(of subtype: String?) -> Double {
        let total = targets.values.reduce(0) { $0 + max($1, 0) }
        guard total > 0, let subtype, let target = targets[subtype] else { return 0 }
        return max(target, 0) / total
    }

    /// Records one more administered item of `subtype` (nil is not counted).
    public mutating func record(_ subtype: String?) {
        guard let subtype else { return }
        administered[subtype, default: 0] += 1
    }

    /// The sub type to draw from next among `available` (see the rule above); nil only when
    /// `available` is empty. The inner optional is the sub type itself (nil = unclassified).
    func preferredSubtype(among available: Set<String?>) -> String?? {
        var best: String?? = nil
        var bestKey = (deficit: -Double.infinity, share: -Double.infinity)
        for subtype in available {
            let key = (deficit: deficit(of: subtype), share: share(of: subtype))
            let better: Bool
            if key.deficit != bestKey.deficit {
                better = key.deficit > bestKey.deficit
            } else if key.share != bestKey.share {
                better = key.share > bestKey.share
            } else if case .some(let current) = best {
                better = (subtype ?? "") < (current ?? "")
            } else {
                better = true
            }
            if better {
                best = .some(subtype)
                bestKey = key
            }
        }
        return best
    }
}
