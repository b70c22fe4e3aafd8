import Foundation
import GentaCore

/// What Midtrans says about one transaction: a notification's body, or the status API's
/// answer, which mirrors it. Parsed leniently (fields are added over time), strictly where it
/// matters: the signed fields must be strings.
public struct MidtransStatusReport: Sendable, Equatable {
    public let orderID: String
    public let statusCode: String
    /// As received ("150000.00"): the signature covers this exact text.
    public let grossAmount: String
    public let signatureKey: String?
    /// As received; `TransactionStatus(wire:)` reads it in any case.
    public let transactionStatus: String
    public let fraudStatus: String?
    public let transactionID: String?
    public let paymentType: String?

    public init(
        orderID: String, statusCode: String, grossAmount: String, signatureKey: String?, transactionStatus: String,
        fraudStatus: String?, transactionID: String?, paymentType: String?
    ) {
        self.orderID = orderID
        self.statusCode = statusCode
        self.grossAmount = grossAmount
        self.signatureKey = signatureKey
        self.transactionStatus = transactionStatus
        self.fraudStatus = fraudStatus
        self.transactionID = transactionID
        self.paymentType = paymentType
    }

    public enum ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        case notJSONObject
        case missing([String])

        public var description: String {
            switch self {
            case .notJSONObject: "the body is not a JSON object"
            case .missing(let fields): "missing or not text: \(fields.joined(separator: ", "))"
            }
        }
    }

    /// Reads a body; `requireSignature` for notifications (the status API's answers need none).
    public static func parse(_ body: [UInt8], requireSignature: Bool) -> Result<MidtransStatusReport, ParseError> {
        // A body that is not JSON is answered as `notJSONObject`, which the caller records.
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {  // ok: notJSONObject
            return .failure(.notJSONObject)
        }
        return parse(object, requireSignature: requireSignature)
    }

    static func parse(_ object: [String: Any], requireSignature: Bool) -> Result<MidtransStatusReport, ParseError> {
        let text = { (key: String) in object[key] as? String }
        guard let orderID = text("order_id"), let statusCode = text("status_code"), let grossAmount = text("gross_amount"),
            let status = text("transaction_status"), !requireSignature || text("signature_key") != nil
        else {
            let required = ["order_id", "status_code", "gross_amount", "transaction_status"] + (requireSignature ? ["signature_key"] : [])
            return .failure(.missing(required.filter { text($0) == nil }))
        }
        return .success(MidtransStatusReport(
            orderID: orderID, statusCode: statusCode, grossAmount: grossAmount, signatureKey: text("signature_key"),
            transactionStatus: status, fraudStatus: text("fraud_status"), transactionID: text("transaction_id"),
            paymentType: text("payment_type")))
    }

    /// The report in Genta's terms, or nil when its `transaction_status` is not one Midtrans
    /// documents. An unknown `fraud_status` is read as `challenge`: never paid on a verdict
    /// Genta cannot read.
    public var known: PaymentStatusReport? {
        guard let status = TransactionStatus(wire: transactionStatus) else { return nil }
        return PaymentStatusReport(
            orderID: orderID, grossAmount: grossAmount, status: status,
            fraud: fraudStatus.map { FraudStatus(wire: $0) ?? .challenge },
            transactionID: transactionID, paymentType: paymentType)
    }
}
