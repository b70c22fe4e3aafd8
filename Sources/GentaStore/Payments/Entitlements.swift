import Foundation
import GentaCore
import SQLKit

/// Recomputes what a student's paid orders grant, inside the transaction that changed one of
/// them (the caller holds the user's row lock, so two orders settling at once cannot each
/// compute without the other).
enum Entitlements {
    /// Replays every order still paid (`PaidTimeline`) and writes each order's period and the
    /// user's dates. Orders no longer paid lose their period.
    @discardableResult
    static func recompute(userID: UUID, now: Date, _ db: any SQLDatabase) async throws -> SubscriptionState {
        let rows = try await db.raw("""
            SELECT id, subscription_tier, plan_duration_days, price_idr, paid_at FROM payment_subscriptions
            WHERE user_id = \(bind: userID) AND payment_status = 'success' AND paid_at IS NOT NULL
            """).all()
        let orders = try rows.map { row in
            PaidOrder(
                id: try row.decode(column: "id", as: UUID.self),
                tier: SubscriptionTier(rawValue: try row.decode(column: "subscription_tier", as: String.self)) ?? .premium,
                durationDays: try row.decode(column: "plan_duration_days", as: Int.self),
                priceIDR: try row.decode(column: "price_idr", as: Int.self),
                paidAt: try row.decode(column: "paid_at", as: Date.self))
        }
        let (state, periods) = PaidTimeline.replay(orders)
        try await db.raw("""
            UPDATE payment_subscriptions SET subscription_start_date = NULL, subscription_end_date = NULL, updated_at = \(bind: now)
            WHERE user_id = \(bind: userID) AND payment_status <> 'success' AND subscription_start_date IS NOT NULL
            """).run()
        for period in periods {
            try await db.raw("""
                UPDATE payment_subscriptions
                SET subscription_start_date = \(bind: period.start), subscription_end_date = \(bind: period.end), updated_at = \(bind: now)
                WHERE id = \(bind: period.orderID)
                """).run()
        }
        // The stored tier and flag describe `now`; readers compute from the dates instead.
        try await db.raw("""
            UPDATE users SET subscription_tier = \(bind: state.tier(at: now).rawValue),
                is_subscription_active = \(bind: state.isActive(at: now)),
                subscription_start_date = \(bind: state.since), subscription_end_date = \(bind: state.paidUntil),
                premium_plus_end_date = \(bind: state.premiumPlusUntil), updated_at = \(bind: now)
            WHERE id = \(bind: userID)
            """).run()
        return state
    }
}
