import Foundation
import GentaCore
import SQLKit

/// Applies what Midtrans reports to orders: the one place an order's status and the time it
/// grants change. Every report is recorded in `payment_events`, applied or not.
public struct PaymentLedger: Sendable {
    let database: any Database
    let clock: WallClock

    public init(database: any Database, clock: WallClock) {
        self.database = database
        self.clock = clock
    }

    /// Where a report came from, and what to keep of it for the record.
    public struct Receipt: Sendable {
        public enum Source: Sendable { case notification, statusAPI }
        public var source: Source
        public var requestID: String?
        public var rawBody: String?

        public init(source: Source, requestID: String? = nil, rawBody: String? = nil) {
            self.source = source
            self.requestID = requestID
            self.rawBody = rawBody
        }

        var eventSource: PaymentEvent.Source { source == .notification ? .notification : .statusAPI }
    }

    public struct Applied: Sendable, Equatable {
        public let outcome: PaymentEventOutcome
        /// The order's status afterwards (nil when no order of ours was named).
        public let status: PaymentStatus?
    }

    /// Applies a verified report (its signature checked, or the status API's own answer).
    ///
    /// In one transaction, holding the student's row: an unknown order or a wrong amount is
    /// recorded and ignored; a duplicate or stale status changes nothing; otherwise the order
    /// takes its new status and, when that starts or ends payment, the student's paid time is
    /// replayed from every order still paid.
    public func apply(_ report: PaymentStatusReport, receipt: Receipt) async throws -> Applied {
        let status = report.status, fraud = report.fraud
        return try await database.transaction { db in
            let now = clock.now()
            var event = PaymentEvent(
                orderID: report.orderID, source: receipt.eventSource, transactionStatus: status.rawValue,
                fraudStatus: fraud?.rawValue, signatureValid: receipt.source == .notification ? true : nil,
                outcome: .applied, requestID: receipt.requestID, rawBody: receipt.rawBody)
            guard report.orderID.unicodeScalars.count <= 50, let unlocked = try await PaymentOrderRow.find(orderID: report.orderID, db) else {
                event.outcome = .unknownOrder
                try await event.insert(at: now, db)
                return Applied(outcome: .unknownOrder, status: nil)
            }
            if let userID = unlocked.userID { try await db.lockUser(userID) }
            guard let order = try await PaymentOrderRow.find(orderID: report.orderID, forUpdate: true, db) else {
                throw AppError(.conflict, code: "order_vanished", message: "The order was removed while a payment was applied.")
            }
            event.paymentID = order.id
            event.paymentStatus = order.status
            guard report.grossAmountHundredths == order.priceIDR * 100 else {
                event.outcome = .amountMismatch
                event.detail = "gross_amount \(report.grossAmount.prefix(40)) but the order costs \(order.priceIDR).00"
                try await event.insert(at: now, db)
                return Applied(outcome: .amountMismatch, status: order.status)
            }
            let current = order.midtransStatus.map { (status: $0, fraud: order.fraudStatus) }
            let transition = OrderTransition.decide(current: current, incoming: status, fraud: fraud)
            guard case .apply(let next) = transition else {
                event.outcome = transition == .duplicate ? .duplicate : .stale
                try await event.insert(at: now, db)
                return Applied(outcome: event.outcome, status: order.status)
            }
            try await update(order, to: next, status: status, fraud: fraud, report: report, now: now, db)
            if let userID = order.userID, (order.status == .success) != (next == .success) {
                try await Entitlements.recompute(userID: userID, now: now, db)
            }
            event.paymentStatus = next
            try await event.insert(at: now, db)
            return Applied(outcome: .applied, status: next)
        }
    }

    private func update(
        _ order: PaymentOrder, to next: PaymentStatus, status: TransactionStatus, fraud: FraudStatus?,
        report: PaymentStatusReport, now: Date, _ db: any SQLDatabase
    ) async throws {
        let paidAt = next == .success ? (order.paidAt ?? now) : order.paidAt
        // Midtrans' transaction id is unique to one payment; one already on another order
        // (which Midtrans never sends) is left out rather than failing the update.
        var transactionID = report.transactionID.flatMap { DatabaseText.fitting($0, maximum: 255) }
        if let id = transactionID,
            try await db.raw("SELECT 1 AS taken FROM payment_subscriptions WHERE midtrans_transaction_id = \(bind: id) AND id <> \(bind: order.id)").first() != nil
        {
            transactionID = nil
        }
        try await db.raw("""
            UPDATE payment_subscriptions
            SET payment_status = \(bind: next.rawValue), midtrans_status = \(bind: status.rawValue),
                fraud_status = \(bind: fraud?.rawValue),
                payment_type = COALESCE(\(bind: report.paymentType.flatMap { DatabaseText.fitting($0, maximum: 50) }), payment_type),
                midtrans_transaction_id = COALESCE(midtrans_transaction_id, \(bind: transactionID)),
                paid_at = \(bind: paidAt), updated_at = \(bind: now)
            WHERE id = \(bind: order.id)
            """).run()
    }

    /// Records a notification that was not applied: unreadable, unsigned, or of a status
    /// Genta does not know. Its body is kept for whoever investigates.
    public func record(
        rejected outcome: PaymentEventOutcome, orderID: String?, signatureValid: Bool?, transactionStatus: String? = nil,
        detail: String, requestID: String?, rawBody: String?
    ) async throws {
        let now = clock.now()
        try await database.withConnection { db in
            var paymentID: UUID?
            if let orderID, orderID.unicodeScalars.count <= 50 {
                paymentID = try await PaymentOrderRow.find(orderID: orderID, db)?.id
            }
            try await PaymentEvent(
                paymentID: paymentID, orderID: orderID, source: .notification, transactionStatus: transactionStatus,
                signatureValid: signatureValid, outcome: outcome, requestID: requestID, detail: detail, rawBody: rawBody
            ).insert(at: now, db)
        }
    }

    /// Pending orders whose Snap page expired more than `grace` ago: Midtrans sends nothing for
    /// a page abandoned before a payment method was chosen, so these are asked about.
    public func dueForReconciliation(grace: TimeInterval, limit: Int) async throws -> [PaymentOrder] {
        let cutoff = clock.now().addingTimeInterval(-grace)
        return try await database.withConnection { db in
            try await db.raw("""
                SELECT \(PaymentOrderRow.columns) FROM payment_subscriptions
                WHERE payment_status = 'pending' AND expires_at < \(bind: cutoff)
                ORDER BY expires_at LIMIT \(bind: limit)
                """).all().map(PaymentOrderRow.decode)
        }
    }

    /// Expires a pending order ourselves (Midtrans knows nothing of it, or it stayed pending
    /// far past its page's expiry). A verified settlement arriving later still counts.
    @discardableResult
    public func expireLocally(_ order: PaymentOrder, detail: String) async throws -> Bool {
        try await database.transaction { db in
            let now = clock.now()
            let changed = try await db.raw("""
                UPDATE payment_subscriptions SET payment_status = 'expired', failure_reason = \(bind: detail), updated_at = \(bind: now)
                WHERE id = \(bind: order.id) AND payment_status = 'pending' RETURNING id
                """).first() != nil
            if changed {
                try await PaymentEvent(
                    paymentID: order.id, orderID: order.orderID, source: .reconcile, outcome: .expiredLocally,
                    paymentStatus: .expired, detail: detail
                ).insert(at: now, db)
            }
            return changed
        }
    }
}
