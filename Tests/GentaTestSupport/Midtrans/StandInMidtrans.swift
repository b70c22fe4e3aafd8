import Crypto
import Foundation
import Hummingbird

/// A stand-in Midtrans: Snap creation and the status API as Midtrans documents them, with the
/// transactions it knows changeable mid-test, and notifications signed with its server key.
public actor StandInMidtrans {
    public static let serverKey = "SB-Mid-server-genta-tests-0123456789"

    /// How Snap answers the next creations.
    public enum SnapMode: Sendable {
        case normal
        /// 401 with Midtrans' message, as for a wrong server key.
        case unauthorized
        /// 400 "order_id has already been taken".
        case orderIDTaken
        /// 503, as during an outage.
        case unavailable
        /// Answers only after this long (longer than the client waits).
        case slow(Duration)
    }

    public struct Transaction: Sendable {
        public var status: String
        public var fraud: String?
        public var grossAmount: String
        public var paymentType: String
        public var transactionID: String
    }

    public var snapMode: SnapMode = .normal
    public private(set) var createdOrders: [String] = []
    /// The body of the last Snap creation that succeeded, as sent.
    public private(set) var lastSnapBody = Data()
    public private(set) var statusRequests = 0
    private var transactions: [String: Transaction] = [:]

    public init() {}

    public func setSnapMode(_ mode: SnapMode) {
        snapMode = mode
    }

    /// Records what Midtrans would know after the student paid (or did anything else).
    public func setTransaction(_ orderID: String, status: String, grossAmount: String, fraud: String? = nil) {
        let id = transactions[orderID]?.transactionID ?? UUID().uuidString.lowercased()
        transactions[orderID] = Transaction(status: status, fraud: fraud, grossAmount: grossAmount, paymentType: "qris", transactionID: id)
    }

    /// A notification body for the order as Midtrans would send it, signed with `key`.
    public func notification(
        _ orderID: String, status: String, grossAmount: String, fraud: String? = nil, statusCode: String? = nil,
        key: String = StandInMidtrans.serverKey
    ) -> String {
        let code = statusCode ?? Self.statusCode(for: status)
        var body: [String: Any] = [
            "transaction_time": "2026-12-03 10:00:00", "transaction_status": status,
            "transaction_id": transactions[orderID]?.transactionID ?? UUID().uuidString.lowercased(),
            "status_message": "midtrans payment notification", "status_code": code,
            "signature_key": Self.sign(orderID + code + grossAmount + key), "payment_type": "qris",
            "order_id": orderID, "merchant_id": "G000000000", "gross_amount": grossAmount, "currency": "IDR",
        ]
        if let fraud { body["fraud_status"] = fraud }
        return Self.json(body)
    }

    /// Lower-case hex SHA-512, written independently of Genta's own.
    public static func sign(_ text: String) -> String {
        SHA512.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func statusCode(for status: String) -> String {
        switch status.lowercased() {
        case "settlement", "capture", "refund", "partial_refund", "chargeback", "partial_chargeback": "200"
        case "pending", "authorize": "201"
        case "deny", "failure": "202"
        case "expire", "cancel": "202"
        default: "200"
        }
    }

    static func json(_ object: [String: Any]) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
    }

    fileprivate func createSnap(authorization: String?, body: Data) async -> (HTTPResponse.Status, String) {
        let expected = "Basic " + Data((Self.serverKey + ":").utf8).base64EncodedString()
        guard authorization == expected else {
            return (.unauthorized, Self.json(["error_messages": [
                "Access denied due to unauthorized transaction, please check client or server key",
            ]]))
        }
        switch snapMode {
        case .unauthorized:
            return (.unauthorized, Self.json(["error_messages": ["Access denied, please check client or server key"]]))
        case .unavailable:
            return (.serviceUnavailable, Self.json(["error_messages": ["Sorry, we are experiencing internal server error"]]))
        case .slow(let delay):
            try? await Task.sleep(for: delay)
        case .normal, .orderIDTaken:
            break
        }
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any],
            let details = object["transaction_details"] as? [String: Any], let orderID = details["order_id"] as? String,
            let amount = details["gross_amount"] as? Int, let items = object["item_details"] as? [[String: Any]],
            items.reduce(0, { $0 + (($1["price"] as? Int) ?? 0) * (($1["quantity"] as? Int) ?? 0) }) == amount
        else {
            return (.badRequest, Self.json(["error_messages": ["transaction_details.gross_amount is not equal to the sum of item_details"]]))
        }
        if case .orderIDTaken = snapMode {
            return (.badRequest, Self.json(["error_messages": ["transaction_details.order_id has already been taken"]]))
        }
        if createdOrders.contains(orderID) {
            return (.badRequest, Self.json(["error_messages": ["transaction_details.order_id has already been taken"]]))
        }
        createdOrders.append(orderID)
        lastSnapBody = body
        let token = UUID().uuidString.lowercased()
        return (.created, Self.json(["token": token, "redirect_url": "https://app.sandbox.midtrans.com/snap/v4/redirection/\(token)"]))
    }

    fileprivate func status(authorization: String?, orderID: String) -> (HTTPResponse.Status, String) {
        statusRequests += 1
        guard authorization == "Basic " + Data((Self.serverKey + ":").utf8).base64EncodedString() else {
            return (.unauthorized, Self.json(["status_code": "401", "status_message": "Unauthorized"]))
        }
        guard let transaction = transactions[orderID] else {
            return (.ok, Self.json(["status_code": "404", "status_message": "Transaction doesn't exist."]))
        }
        let code = Self.statusCode(for: transaction.status)
        var body: [String: Any] = [
            "status_code": code, "status_message": "Success, transaction is found", "transaction_id": transaction.transactionID,
            "order_id": orderID, "gross_amount": transaction.grossAmount, "currency": "IDR", "payment_type": transaction.paymentType,
            "transaction_time": "2026-12-03 10:00:00", "transaction_status": transaction.status,
            "signature_key": Self.sign(orderID + code + transaction.grossAmount + Self.serverKey),
        ]
        if let fraud = transaction.fraud { body["fraud_status"] = fraud }
        return (.ok, Self.json(body))
    }
}

/// Runs the stand-in on 127.0.0.1 for the duration of `body`, which receives the base URL that
/// serves both Snap (`/snap/v1/transactions`) and the status API (`/v2/{order_id}/status`).
public func withStandInMidtrans<Result: Sendable>(
    _ midtrans: StandInMidtrans, _ body: @Sendable (_ baseURL: String) async throws -> Result
) async throws -> Result {
    let router = Router()
    router.post("/snap/v1/transactions") { request, _ in
        let data = Data(buffer: try await request.body.collect(upTo: 1 << 20))
        let (status, json) = await midtrans.createSnap(authorization: request.headers[.authorization], body: data)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: json)))
    }
    router.get("/v2/{order_id}/status") { request, context in
        let orderID = context.parameters.get("order_id") ?? ""
        let (status, json) = await midtrans.status(authorization: request.headers[.authorization], orderID: orderID)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: json)))
    }
    return try await withLoopbackServer(router, label: "stand-in-midtrans") { port in
        try await body("http://127.0.0.1:\(port)")
    }
}
