import Foundation

/// What a student has paid for, as dates: the tier on any day follows from them, so a period
/// ends on time without any job flipping a flag.
///
/// Paid time always runs as one stretch of Premium Plus followed by one of Premium (see
/// `PaidTimeline`), so two end dates describe it.
public struct SubscriptionState: Sendable, Equatable {
    /// Premium Plus until then (nil: never bought, or taken back).
    public var premiumPlusUntil: Date?
    /// The end of all paid time, Premium Plus and Premium.
    public var paidUntil: Date?
    /// When the stretch of paid time ending at `paidUntil` began.
    public var since: Date?

    public init(premiumPlusUntil: Date?, paidUntil: Date?, since: Date?) {
        self.premiumPlusUntil = premiumPlusUntil
        self.paidUntil = paidUntil
        self.since = since
    }

    public static let free = SubscriptionState(premiumPlusUntil: nil, paidUntil: nil, since: nil)

    public func tier(at now: Date) -> SubscriptionTier {
        if let premiumPlusUntil, now < premiumPlusUntil { return .premiumPlus }
        if let paidUntil, now < paidUntil { return .premium }
        return .free
    }

    public func isActive(at now: Date) -> Bool {
        tier(at: now) != .free
    }
}
