/// What a student pays for. Free users have daily limits; premium tiers do not.
public enum SubscriptionTier: String, CaseIterable, Codable, Sendable {
    case free
    case premium
    case premiumPlus = "premium_plus"

    public var isPaid: Bool { self != .free }
}
