import Foundation
import GentaCore
import GentaIntegrations
import GentaStore
import Logging
import Metrics

/// Checkout and Midtrans' notifications: the steps between the API, the order store and
/// Midtrans. Nothing here grants time by itself; `PaymentLedger` does, in one transaction.
struct PaymentService: Sendable {
    let plans: PlanCatalog
    /// Nil when no server key is configured.
    let midtrans: MidtransClient?
    let checkout: CheckoutQueries
    let ledger: PaymentLedger
    /// Counts Midtrans' notifications by outcome and status (`genta_payment_notifications_total`).
    let metrics: any MetricsFactory

    static let notConfigured = AppError(
        .unavailable, code: "payments_not_configured",
        message: "Payments are not set up on this server (MIDTRANS_SERVER_KEY is not configured).")

    /// Opens the Snap page for a plan, or answers the student's open order of that plan again.
    func checkout(user: UserAccount, planID: String) async throws -> (order: PaymentOrder, created: Bool) {
        guard let plan = plans.plan(id: planID) else {
            throw AppError(.notFound, code: "plan_not_found",
                message: "There is no plan \"\(planID.prefix(60))\"; GET /api/v1/plans lists them.", details: ["field": "plan_id"])
        }
        guard let midtrans else { throw Self.notConfigured }
        let order: PaymentOrder
        switch try await checkout.begin(userID: user.id, plan: plan, pageLifetime: Double(midtrans.settings.snapExpiryMinutes) * 60) {
        case .existing(let open): return (open, false)
        case .created(let new): order = new
        }
        let page: SnapPage
        do {
            page = try await midtrans.createSnap(SnapTransaction(
                orderID: order.orderID, amountIDR: plan.priceIDR, itemID: plan.id, itemName: plan.displayName,
                customerName: user.fullName, customerEmail: user.email.hasSuffix(".invalid") ? nil : user.email,
                expiryMinutes: midtrans.settings.snapExpiryMinutes))
        } catch {
            try await checkout.fail(order, reason: error.description)
            throw AppError(.badGateway, code: "payment_provider_error",
                message: "Midtrans could not open a payment page just now, so nothing was charged. Please try again in a minute.",
                details: ["order_id": order.orderID])
        }
        return (try await checkout.attach(token: page.token, redirectURL: page.redirectURL, to: order), true)
    }

    /// Handles one notification body. Returns what became of it; throws a 4xx `AppError` for
    /// a notification that cannot be trusted or read (recorded first), and lets database
    /// failures through (the controller answers them with 503 so Midtrans retries).
    func receive(notification body: [UInt8], requestID: String, logger: Logger) async throws -> PaymentEventOutcome {
        let raw = String(decoding: body, as: UTF8.self)
        let report: MidtransStatusReport
        switch MidtransStatusReport.parse(body, requireSignature: true) {
        case .success(let parsed): report = parsed
        case .failure(let error):
            try await ledger.record(rejected: .malformed, orderID: nil, signatureValid: nil, detail: error.description,
                requestID: requestID, rawBody: raw)
            throw AppError(.badRequest, code: "malformed_notification",
                message: "The notification could not be read: \(error.description).")
        }
        guard let midtrans else { throw Self.notConfigured }
        guard MidtransSignature.isValid(
            report.signatureKey ?? "", orderID: report.orderID, statusCode: report.statusCode,
            grossAmount: report.grossAmount, serverKey: midtrans.settings.serverKey)
        else {
            logger.warning("Midtrans notification with a wrong signature", metadata: ["order_id": "\(report.orderID.prefix(60))"])
            try await ledger.record(rejected: .invalidSignature, orderID: report.orderID, signatureValid: false,
                transactionStatus: report.transactionStatus, detail: "signature_key does not match", requestID: requestID, rawBody: raw)
            throw AppError(.forbidden, code: "invalid_signature", message: "The signature_key does not match this notification.")
        }
        guard let known = report.known else {
            try await ledger.record(rejected: .unknownStatus, orderID: report.orderID, signatureValid: true,
                transactionStatus: report.transactionStatus, detail: "transaction_status not known", requestID: requestID, rawBody: raw)
            return .unknownStatus
        }
        var receipt = PaymentLedger.Receipt(source: .notification, requestID: requestID, rawBody: raw)
        var confirmed = known
        if midtrans.settings.verifyStatus, PaymentStatus(known.status, fraud: known.fraud) == .success {
            guard let reading = try await statusAPIReading(of: known.orderID, midtrans) else {
                try await ledger.record(rejected: .unconfirmed, orderID: report.orderID, signatureValid: true,
                    transactionStatus: report.transactionStatus, detail: "the status API does not confirm this payment",
                    requestID: requestID, rawBody: raw)
                return .unconfirmed
            }
            confirmed = reading
            receipt.source = .statusAPI
        }
        let applied = try await ledger.apply(confirmed, receipt: receipt)
        Counter(label: "genta_payment_notifications_total",
            dimensions: [("outcome", applied.outcome.rawValue), ("status", applied.status?.rawValue ?? "none")], factory: metrics)
            .increment()
        if applied.outcome == .amountMismatch || applied.outcome == .unknownOrder {
            logger.warning("Midtrans notification ignored", metadata: [
                "order_id": "\(report.orderID.prefix(60))", "outcome": "\(applied.outcome.rawValue)",
            ])
        }
        return applied.outcome
    }

    /// What the status API says of an order (`MIDTRANS_VERIFY_STATUS=1`: that, not the
    /// notification, is applied); nil when it knows nothing readable of it.
    private func statusAPIReading(of orderID: String, _ midtrans: MidtransClient) async throws -> PaymentStatusReport? {
        do {
            return try await midtrans.status(orderID: orderID)?.known
        } catch {
            throw AppError(.unavailable, code: "status_check_failed",
                message: "The payment could not be confirmed with Midtrans just now; retry later.")
        }
    }
}
