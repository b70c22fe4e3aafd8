/// Version 8: payments through Midtrans.
///
/// - `payment_subscriptions` becomes the order table. Nothing wrote the version-1 table, but
///   its rows are copied all the same; its period columns become timestamps (a period bought at
///   20:00 WIB ends at 20:00, not at midnight) and it gains the plan, the Snap page and its
///   expiry, the Midtrans status and fraud verdict last applied, and when it was paid;
/// - `payment_events`: every notification as received (verified or not) and every change of
///   an order's status, for audit and support;
/// - `users.premium_plus_end_date`: with `subscription_end_date`, the dates the tier follows
///   from (`SubscriptionState`).
enum PaymentsV8 {
    static let orderStatuses = "'pending', 'success', 'failed', 'expired', 'cancelled', 'refunded', 'chargeback'"

    static func up(_ dialect: Dialect) -> [String] {
        let uuid = dialect == .postgres ? "UUID" : "TEXT"
        let timestamp = dialect == .postgres ? "TIMESTAMPTZ" : "REAL"
        let now = dialect == .postgres ? "now()" : SQLiteSchemaV1.now
        let serial = dialect == .postgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"
        let boolean = dialect == .postgres ? "BOOLEAN" : "INTEGER CHECK (signature_valid IN (0, 1))"
        let planID = dialect == .postgres
            ? "subscription_tier || '-' || plan_duration_days::text" : "subscription_tier || '-' || plan_duration_days"
        // Copying through a plain table lets the new one take the old names of its key,
        // constraints, indexes and trigger.
        return [
            "CREATE TABLE payment_subscriptions_v1 AS SELECT * FROM payment_subscriptions",
            "DROP TABLE payment_subscriptions",
            """
            CREATE TABLE payment_subscriptions (
                id \(uuid) NOT NULL PRIMARY KEY,
                user_id \(uuid) REFERENCES users (id) ON DELETE SET NULL,
                midtrans_order_id VARCHAR(50) NOT NULL UNIQUE,
                midtrans_transaction_id VARCHAR(255) UNIQUE,
                plan_id VARCHAR(40) NOT NULL,
                subscription_tier VARCHAR(50) NOT NULL CHECK (subscription_tier IN ('premium', 'premium_plus')),
                plan_duration_days INTEGER NOT NULL CHECK (plan_duration_days > 0),
                price_idr BIGINT NOT NULL CHECK (price_idr > 0),
                payment_status VARCHAR(50) NOT NULL DEFAULT 'pending' CHECK (payment_status IN (\(orderStatuses))),
                midtrans_status VARCHAR(30),
                fraud_status VARCHAR(20),
                payment_type VARCHAR(50),
                snap_token VARCHAR(255),
                snap_redirect_url VARCHAR(1000),
                expires_at \(timestamp) NOT NULL,
                paid_at \(timestamp),
                subscription_start_date \(timestamp),
                subscription_end_date \(timestamp),
                failure_reason VARCHAR(500),
                created_at \(timestamp) NOT NULL DEFAULT \(now),
                updated_at \(timestamp) NOT NULL DEFAULT \(now),
                CHECK (subscription_end_date IS NULL OR subscription_start_date IS NULL
                    OR subscription_end_date >= subscription_start_date)
            )
            """,
            """
            INSERT INTO payment_subscriptions (
                id, user_id, midtrans_order_id, midtrans_transaction_id, plan_id, subscription_tier,
                plan_duration_days, price_idr, payment_status, expires_at, created_at, updated_at)
            SELECT id, user_id, midtrans_order_id, midtrans_transaction_id, \(planID), subscription_tier,
                COALESCE(plan_duration_days, 30), price_idr, payment_status, created_at, created_at, updated_at
            FROM payment_subscriptions_v1
            """,
            "DROP TABLE payment_subscriptions_v1",
            "CREATE INDEX idx_payments_user_created ON payment_subscriptions (user_id, created_at DESC)",
            "CREATE INDEX idx_payments_created ON payment_subscriptions (created_at DESC)",
            "CREATE INDEX idx_payments_pending ON payment_subscriptions (expires_at) WHERE payment_status = 'pending'",
            """
            CREATE INDEX idx_payments_subscription_end_date ON payment_subscriptions (subscription_end_date)
                WHERE payment_status = 'success'
            """,
            "CREATE INDEX idx_payments_paid ON payment_subscriptions (paid_at) WHERE payment_status = 'success'",
            dialect == .postgres ? PostgresSchemaV1.touchTrigger("payment_subscriptions")
                : SQLiteSchemaV1.touch(table: "payment_subscriptions", column: "updated_at"),
            """
            CREATE TABLE payment_events (
                id \(serial),
                payment_id \(uuid) REFERENCES payment_subscriptions (id) ON DELETE CASCADE,
                order_id VARCHAR(50),
                source VARCHAR(20) NOT NULL CHECK (source IN ('checkout', 'notification', 'status_api', 'reconcile')),
                transaction_status VARCHAR(30),
                fraud_status VARCHAR(20),
                signature_valid \(boolean),
                outcome VARCHAR(30) NOT NULL,
                payment_status VARCHAR(20),
                request_id VARCHAR(100),
                detail VARCHAR(500),
                raw_body TEXT,
                created_at \(timestamp) NOT NULL
            )
            """,
            "CREATE INDEX idx_payment_events_payment ON payment_events (payment_id, id)",
            "CREATE INDEX idx_payment_events_created ON payment_events (created_at)",
            "ALTER TABLE users ADD COLUMN premium_plus_end_date \(timestamp)",
        ]
    }

    /// Back to version 1's empty table: orders and events are dropped.
    static func down(_ dialect: Dialect) -> [String] {
        let v1 = dialect == .postgres ? PostgresSchemaV1.up : SQLiteSchemaV1.up
        return [
            "ALTER TABLE users DROP COLUMN premium_plus_end_date",
            "DROP TABLE payment_events",
            "DROP TABLE payment_subscriptions",
        ] + v1.filter { $0.contains("CREATE TABLE payment_subscriptions") || $0.contains("ON payment_subscriptions") }
    }
}
