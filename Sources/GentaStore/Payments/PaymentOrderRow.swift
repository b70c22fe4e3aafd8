import Foundation
import GentaCore
import SQLKit

/// The columns of `payment_subscriptions` that make a `PaymentOrder`, and how to read them.
enum PaymentOrderRow {
    static let names = [
        "id", "user_id", "midtrans_order_id", "plan_id", "subscription_tier", "plan_duration_days", "price_idr",
        "payment_status", "midtrans_status", "fraud_status", "payment_type", "snap_token", "snap_redirect_url",
        "expires_at", "paid_at", "subscription_start_date", "subscription_end_date", "failure_reason", "created_at",
    ]
    static let columns = SQLQueryString(names.joined(separator: ", "))

    /// The columns of the table under another name in a join.
    static func columns(_ alias: String) -> SQLQueryString {
        SQLQueryString(names.map { "\(alias).\($0)" }.joined(separator: ", "))
    }

    static func decode(_ row: any SQLRow) throws -> PaymentOrder {
        PaymentOrder(
            id: try row.decode(column: "id", as: UUID.self),
            userID: try row.decode(column: "user_id", as: UUID?.self),
            orderID: try row.decode(column: "midtrans_order_id", as: String.self),
            planID: try row.decode(column: "plan_id", as: String.self),
            tier: SubscriptionTier(rawValue: try row.decode(column: "subscription_tier", as: String.self)) ?? .premium,
            durationDays: try row.decode(column: "plan_duration_days", as: Int.self),
            priceIDR: try row.decode(column: "price_idr", as: Int.self),
            status: PaymentStatus(rawValue: try row.decode(column: "payment_status", as: String.self)) ?? .failed,
            midtransStatus: try row.decode(column: "midtrans_status", as: String?.self).flatMap(TransactionStatus.init(wire:)),
            fraudStatus: try row.decode(column: "fraud_status", as: String?.self).flatMap(FraudStatus.init(wire:)),
            paymentType: try row.decode(column: "payment_type", as: String?.self),
            snapToken: try row.decode(column: "snap_token", as: String?.self),
            redirectURL: try row.decode(column: "snap_redirect_url", as: String?.self),
            expiresAt: try row.decode(column: "expires_at", as: Date.self),
            paidAt: try row.decode(column: "paid_at", as: Date?.self),
            periodStart: try row.decode(column: "subscription_start_date", as: Date?.self),
            periodEnd: try row.decode(column: "subscription_end_date", as: Date?.self),
            failureReason: try row.decode(column: "failure_reason", as: String?.self),
            createdAt: try row.decode(column: "created_at", as: Date.self))
    }

    /// The order with this Midtrans order id; locked for the transaction on PostgreSQL
    /// (SQLite's writers are serialised already).
    static func find(orderID: String, forUpdate: Bool = false, _ db: any SQLDatabase) async throws -> PaymentOrder? {
        let lock: SQLQueryString = forUpdate && db.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        return try await db.raw("SELECT \(columns) FROM payment_subscriptions WHERE midtrans_order_id = \(bind: orderID)\(lock)")
            .first().map(decode)
    }
}
