import Foundation
import GentaCore
import SQLKit

/// Orders as people read them: a student's own, and the operators' list and revenue.
public struct PaymentReports: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// A student's most recent orders, newest first.
    public func orders(userID: UUID, limit: Int = 100) async throws -> [PaymentOrder] {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT \(PaymentOrderRow.columns) FROM payment_subscriptions WHERE user_id = \(bind: userID)
                ORDER BY created_at DESC, id DESC LIMIT \(bind: limit)
                """).all().map(PaymentOrderRow.decode)
        }
    }

    public struct Filter: Sendable {
        public var status: PaymentStatus?
        /// Orders created from this instant (inclusive) to `until` (exclusive).
        public var since: Date?
        public var until: Date?
        public var limit: Int
        public var after: PageCursor?

        public init(status: PaymentStatus? = nil, since: Date? = nil, until: Date? = nil, limit: Int = 50, after: PageCursor? = nil) {
            self.status = status
            self.since = since
            self.until = until
            self.limit = limit
            self.after = after
        }
    }

    /// An order with the e-mail of whoever placed it, for operators.
    public struct Listed: Sendable {
        public let order: PaymentOrder
        public let email: String?
    }

    /// One page of every student's orders, newest first, and the cursor of the next.
    public func page(_ filter: Filter) async throws -> (orders: [Listed], next: PageCursor?) {
        var conditions: [SQLQueryString] = ["1 = 1"]
        if let status = filter.status { conditions.append("p.payment_status = \(bind: status.rawValue)") }
        if let since = filter.since { conditions.append("p.created_at >= \(bind: since)") }
        if let until = filter.until { conditions.append("p.created_at < \(bind: until)") }
        if let after = filter.after {
            conditions.append("""
                (p.created_at, p.id) < (SELECT c.created_at, c.id FROM payment_subscriptions c WHERE c.id = \(bind: after.lastID))
                """)
        }
        let whereClause = conditions.joined(separator: " AND ")
        let rows = try await database.withConnection { db in
            if let after = filter.after,
                try await db.raw("SELECT 1 AS found FROM payment_subscriptions WHERE id = \(bind: after.lastID)").first() == nil
            {
                throw PageCursor.notFound
            }
            return try await db.raw("""
                SELECT \(PaymentOrderRow.columns("p")), u.email FROM payment_subscriptions p LEFT JOIN users u ON u.id = p.user_id
                WHERE \(whereClause)
                ORDER BY p.created_at DESC, p.id DESC LIMIT \(bind: filter.limit + 1)
                """).all()
        }
        let listed = try rows.prefix(filter.limit).map {
            Listed(order: try PaymentOrderRow.decode($0), email: try $0.decode(column: "email", as: String?.self))
        }
        let next = rows.count > filter.limit ? listed.last.map { PageCursor(lastID: $0.order.id) } : nil
        return (listed, next)
    }

    public struct Revenue: Sendable, Equatable {
        /// The WIB day the payment was confirmed, `YYYY-MM-DD`.
        public let day: String
        public let planID: String
        public let orders: Int
        public let revenueIDR: Int
    }

    /// Paid orders per WIB day and plan, for orders paid from `since` (inclusive) to `until`
    /// (exclusive). Refunded, reversed and charged-back orders are not revenue.
    public func revenue(since: Date, until: Date) async throws -> [Revenue] {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT \(WIBDay("paid_at")) AS day, plan_id, COUNT(*) AS orders, CAST(SUM(price_idr) AS BIGINT) AS revenue
                FROM payment_subscriptions
                WHERE payment_status = 'success' AND paid_at >= \(bind: since) AND paid_at < \(bind: until)
                GROUP BY \(WIBDay("paid_at")), plan_id
                ORDER BY day, plan_id
                """).all().map { row in
                Revenue(
                    day: try row.decode(column: "day", as: String.self), planID: try row.decode(column: "plan_id", as: String.self),
                    orders: try row.decode(column: "orders", as: Int.self), revenueIDR: try row.decode(column: "revenue", as: Int.self))
            }
        }
    }
}
