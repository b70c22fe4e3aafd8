import Foundation

/// A paid order as the timeline reads it.
public struct PaidOrder: Sendable, Equatable {
    public let id: UUID
    public let tier: SubscriptionTier
    public let durationDays: Int
    public let priceIDR: Int
    /// When the payment was confirmed; orders apply in this order.
    public let paidAt: Date

    public init(id: UUID, tier: SubscriptionTier, durationDays: Int, priceIDR: Int, paidAt: Date) {
        self.id = id
        self.tier = tier
        self.durationDays = durationDays
        self.priceIDR = priceIDR
        self.paidAt = paidAt
    }
}

/// The time one order grants after every order before it.
public struct GrantedPeriod: Sendable, Equatable {
    public let orderID: UUID
    public let tier: SubscriptionTier
    public let start: Date
    public let end: Date
}

/// Replays a student's paid orders into the time each one grants. Replaying from every order
/// still paid — rather than adding and subtracting days as orders come and go — keeps
/// overlapping purchases right when one of them is refunded or reversed.
///
/// The rules (docs/PAYMENTS.md):
/// - an order paid while nothing is active starts when it is paid;
/// - an order of the tier already running, or Premium while Premium Plus runs, starts where
///   the paid time ends (buying early never loses days);
/// - Premium Plus paid while Premium time remains upgrades at once: the remaining Premium time
///   is worth what was paid for it, and that value buys Premium Plus time at the new order's
///   price per day, added after the new period.
public enum PaidTimeline {
    public static func replay(_ orders: [PaidOrder]) -> (state: SubscriptionState, periods: [GrantedPeriod]) {
        var segments: [Segment] = []
        for order in orders.sorted(by: { ($0.paidAt, $0.id.uuidString) < ($1.paidAt, $1.id.uuidString) }) {
            let now = order.paidAt.timeIntervalSinceReferenceDate
            let length = Double(order.durationDays) * 86_400
            let rate = Double(order.priceIDR) / length
            if order.tier == .premiumPlus, segments.contains(where: { $0.tier == .premium && $0.end > now }) {
                var carried = 0.0
                for index in segments.indices where segments[index].end > now {
                    let remaining = segments[index].end - max(segments[index].start, now)
                    carried += segments[index].tier == .premiumPlus ? remaining : remaining * segments[index].rate / rate
                    segments[index].end = max(segments[index].start, now)
                }
                segments.append(Segment(order: order.id, tier: .premiumPlus, start: now, end: now + length + carried, rate: rate))
            } else {
                let start = max(now, segments.map(\.end).max() ?? now)
                segments.append(Segment(order: order.id, tier: order.tier, start: start, end: start + length, rate: rate))
            }
        }
        let periods = segments.map {
            GrantedPeriod(
                orderID: $0.order, tier: $0.tier,
                start: Date(timeIntervalSinceReferenceDate: $0.start), end: Date(timeIntervalSinceReferenceDate: $0.end))
        }
        return (state(of: segments), periods)
    }

    private struct Segment {
        let order: UUID
        let tier: SubscriptionTier
        let start: TimeInterval
        var end: TimeInterval
        /// Rupiah paid per second of this order's time.
        let rate: Double
    }

    private static func state(of segments: [Segment]) -> SubscriptionState {
        let granting = segments.filter { $0.end > $0.start }.sorted { $0.start < $1.start }
        guard let paidUntil = granting.map(\.end).max() else { return .free }
        // Walk back from the end while the stretches touch.
        var since = paidUntil
        for segment in granting.sorted(by: { $0.end > $1.end }) where segment.end >= since {
            since = min(since, segment.start)
        }
        let plusUntil = granting.filter { $0.tier == .premiumPlus }.map(\.end).max()
        return SubscriptionState(
            premiumPlusUntil: plusUntil.map(Date.init(timeIntervalSinceReferenceDate:)),
            paidUntil: Date(timeIntervalSinceReferenceDate: paidUntil),
            since: Date(timeIntervalSinceReferenceDate: since))
    }
}
