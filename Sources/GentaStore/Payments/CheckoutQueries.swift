import Foundation
import GentaCore
import SQLKit

/// Orders from the student's side: opening one for a plan, and what Snap made of it.
public struct CheckoutQueries: Sendable {
    let database: any Database
    let clock: WallClock

    public init(database: any Database, clock: WallClock) {
        self.database = database
        self.clock = clock
    }

    public enum Start: Sendable, Equatable {
        /// A pending order of this plan whose page can still be paid: show it again.
        case existing(PaymentOrder)
        /// A new pending order; its Snap page is to be created.
        case created(PaymentOrder)
    }

    /// A checkout whose Snap call has not come back within this is taken for dead.
    static let inFlightLimit: TimeInterval = 120

    /// Opens an order for `plan`, or finds the open one. Holding the student's row, so two
    /// checkouts at once cannot both open one.
    public func begin(userID: UUID, plan: Plan, pageLifetime: TimeInterval) async throws -> Start {
        try await database.transaction { db in
            try await db.lockUser(userID)
            let now = clock.now()
            if let open = try await db.raw("""
                SELECT \(PaymentOrderRow.columns) FROM payment_subscriptions
                WHERE user_id = \(bind: userID) AND plan_id = \(bind: plan.id) AND payment_status = 'pending'
                    AND expires_at > \(bind: now)
                ORDER BY created_at DESC LIMIT 1
                """).first().map(PaymentOrderRow.decode)
            {
                if open.snapToken != nil { return .existing(open) }
                guard now.timeIntervalSince(open.createdAt) > Self.inFlightLimit else {
                    throw AppError(.conflict, code: "checkout_in_progress",
                        message: "A checkout for this plan is being opened; try again in a few seconds.", retryAfterSeconds: 5)
                }
                try await markFailed(open, reason: "the checkout never received its Snap page", now: now, db)
            }
            let id = UUID()
            let orderID = PaymentOrder.newOrderID()
            let expiresAt = now.addingTimeInterval(pageLifetime)
            try await db.raw("""
                INSERT INTO payment_subscriptions (id, user_id, midtrans_order_id, plan_id, subscription_tier, plan_duration_days,
                    price_idr, payment_status, expires_at, created_at, updated_at)
                VALUES (\(bind: id), \(bind: userID), \(bind: orderID), \(bind: plan.id), \(bind: plan.tier.rawValue),
                    \(bind: plan.durationDays), \(bind: plan.priceIDR), 'pending', \(bind: expiresAt), \(bind: now), \(bind: now))
                """).run()
            try await PaymentEvent(paymentID: id, orderID: orderID, source: .checkout, outcome: .created, paymentStatus: .pending)
                .insert(at: now, db)
            return .created(PaymentOrder(
                id: id, userID: userID, orderID: orderID, planID: plan.id, tier: plan.tier, durationDays: plan.durationDays,
                priceIDR: plan.priceIDR, status: .pending, midtransStatus: nil, fraudStatus: nil, paymentType: nil,
                snapToken: nil, redirectURL: nil, expiresAt: expiresAt, paidAt: nil, periodStart: nil, periodEnd: nil,
                failureReason: nil, createdAt: now))
        }
    }

    /// Keeps the Snap page of an order.
    public func attach(token: String, redirectURL: String, to order: PaymentOrder) async throws -> PaymentOrder {
        try await database.withConnection { db in
            try await db.raw("""
                UPDATE payment_subscriptions SET snap_token = \(bind: token), snap_redirect_url = \(bind: redirectURL),
                    updated_at = \(bind: clock.now())
                WHERE id = \(bind: order.id)
                """).run()
        }
        var attached = order
        attached.snapToken = token
        attached.redirectURL = redirectURL
        return attached
    }

    /// Snap refused or failed: the order can never be paid, so it ends here.
    public func fail(_ order: PaymentOrder, reason: String) async throws {
        try await database.transaction { db in
            try await markFailed(order, reason: reason, now: clock.now(), db)
        }
    }

    private func markFailed(_ order: PaymentOrder, reason: String, now: Date, _ db: any SQLDatabase) async throws {
        let reason = DatabaseText.fitting(reason, maximum: 500)
        try await db.raw("""
            UPDATE payment_subscriptions SET payment_status = 'failed', failure_reason = \(bind: reason), updated_at = \(bind: now)
            WHERE id = \(bind: order.id) AND payment_status = 'pending'
            """).run()
        try await PaymentEvent(
            paymentID: order.id, orderID: order.orderID, source: .checkout, outcome: .snapFailed, paymentStatus: .failed,
            detail: reason
        ).insert(at: now, db)
    }
}
