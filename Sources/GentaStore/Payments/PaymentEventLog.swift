import Foundation
import GentaCore
import SQLKit

/// One row of `payment_events`: a notification as received, a status answer, or a local step.
struct PaymentEvent: Sendable {
    enum Source: String { case checkout, notification, statusAPI = "status_api", reconcile }

    var paymentID: UUID?
    var orderID: String?
    var source: Source
    var transactionStatus: String?
    var fraudStatus: String?
    var signatureValid: Bool?
    var outcome: PaymentEventOutcome
    var paymentStatus: PaymentStatus?
    var requestID: String?
    var detail: String?
    var rawBody: String?

    init(
        paymentID: UUID? = nil, orderID: String? = nil, source: Source, transactionStatus: String? = nil,
        fraudStatus: String? = nil, signatureValid: Bool? = nil, outcome: PaymentEventOutcome,
        paymentStatus: PaymentStatus? = nil, requestID: String? = nil, detail: String? = nil, rawBody: String? = nil
    ) {
        self.paymentID = paymentID
        self.orderID = orderID
        self.source = source
        self.transactionStatus = transactionStatus
        self.fraudStatus = fraudStatus
        self.signatureValid = signatureValid
        self.outcome = outcome
        self.paymentStatus = paymentStatus
        self.requestID = requestID
        self.detail = detail
        self.rawBody = rawBody
    }

    /// Writes the event. Everything from outside is cut to what its column holds and cleaned
    /// of what the database cannot store (NUL), so recording a hostile notification never fails;
    /// an order id too long to be one of ours is left to the raw body rather than cut.
    func insert(at now: Date, _ db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO payment_events (payment_id, order_id, source, transaction_status, fraud_status, signature_valid,
                outcome, payment_status, request_id, detail, raw_body, created_at)
            VALUES (\(bind: paymentID), \(bind: orderID.flatMap { $0.unicodeScalars.count <= 50 ? Self.fit($0, 50) : nil }), \(bind: source.rawValue),
                \(bind: transactionStatus.flatMap { Self.fit($0, 30) }), \(bind: fraudStatus.flatMap { Self.fit($0, 20) }),
                \(bind: signatureValid), \(bind: outcome.rawValue), \(bind: paymentStatus?.rawValue),
                \(bind: requestID.flatMap { Self.fit($0, 100) }), \(bind: detail.flatMap { Self.fit($0, 500) }),
                \(bind: rawBody.map(DatabaseText.storable)), \(bind: now))
            """).run()
    }

    private static func fit(_ text: String, _ maximum: Int) -> String? {
        DatabaseText.fitting(text, maximum: maximum)
    }
}
