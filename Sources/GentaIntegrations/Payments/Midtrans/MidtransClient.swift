import AsyncHTTPClient
import Foundation
import Logging
import NIOHTTP1

/// Genta's calls to Midtrans: open a Snap page, and ask the status of an order.
public struct MidtransClient: Sendable {
    public let settings: MidtransSettings
    let exchange: BoundedHTTPExchange
    let logger: Logger

    /// Snap and status answers are under a kilobyte or two.
    static let maximumBodySize = 64 * 1024

    public init(settings: MidtransSettings, httpClient: HTTPClient, logger: Logger) {
        self.settings = settings
        self.exchange = BoundedHTTPExchange(httpClient: httpClient, timeout: settings.timeout, maximumBodySize: Self.maximumBodySize)
        self.logger = logger
    }

    /// Basic auth with the server key as the user name and no password.
    private var headers: [(String, String)] {
        [
            ("Accept", "application/json"), ("Content-Type", "application/json"),
            ("Authorization", "Basic " + Data((settings.serverKey + ":").utf8).base64EncodedString()),
        ]
    }

    /// Creates the Snap transaction. The order id doubles as the idempotency key (both are at
    /// most 46 characters in Genta), so a retried call never opens a second page.
    public func createSnap(_ transaction: SnapTransaction) async throws(MidtransError) -> SnapPage {
        let body: [UInt8]
        do {
            body = Array(try JSONEncoder().encode(transaction.body))
        } catch {
            throw .malformed("request not encodable: \(error)")
        }
        let answer = try await send(.POST, settings.snapBaseURL + "/snap/v1/transactions",
            extra: [("Idempotency-Key", transaction.orderID)], body: body)
        if answer.status == 202 {
            throw .unavailable("Snap is still processing an earlier request for this order")
        }
        guard answer.isSuccess else { throw refusal(answer) }
        guard let created = try? JSONDecoder().decode(SnapCreated.self, from: Data(answer.body)),  // ok: malformed below
            let token = created.token, (1...255).contains(token.count),
            let url = created.redirect_url, (1...1000).contains(url.count),
            url.hasPrefix("https://") || url.hasPrefix("http://")
        else { throw .malformed("Snap answered \(answer.status) without a usable token and redirect_url") }
        return SnapPage(token: token, redirectURL: url)
    }

    /// What Midtrans knows of an order. `nil` when it knows nothing: the order id was never
    /// used, or its Snap page was opened and abandoned before a payment method was chosen.
    public func status(orderID: String) async throws(MidtransError) -> MidtransStatusReport? {
        guard Self.isPlausibleOrderID(orderID) else {
            throw .malformed("order id \(orderID.prefix(60)) cannot be put in a URL")
        }
        let answer = try await send(.GET, settings.apiBaseURL + "/v2/\(orderID)/status", extra: [], body: nil)
        guard answer.isSuccess else { throw refusal(answer) }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(answer.body))) as? [String: Any] else {  // ok: malformed
            throw .malformed("status answer is not a JSON object")
        }
        // An unknown order answers HTTP 200 with status_code "404" in the body.
        if object["status_code"] as? String == "404" { return nil }
        switch MidtransStatusReport.parse(object, requireSignature: false) {
        case .success(let report):
            guard report.orderID == orderID else { throw .malformed("status answer names another order") }
            return report
        case .failure(let error): throw .malformed("status answer: \(error)")
        }
    }

    /// Letters, digits and the symbols Midtrans allows in order ids.
    static let orderIDBytes = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_~.".utf8))

    /// Whether `orderID` is made of what Midtrans allows (so it is also safe in a URL path).
    public static func isPlausibleOrderID(_ orderID: String) -> Bool {
        !orderID.isEmpty && orderID.utf8.count <= 50 && orderID.utf8.allSatisfy { orderIDBytes.contains($0) }
    }

    private func send(
        _ method: HTTPMethod, _ url: String, extra: [(String, String)], body: [UInt8]?
    ) async throws(MidtransError) -> BoundedHTTPAnswer {
        do throws(HTTPTransportFailure) {
            return try await exchange.send(method, url, headers: headers + extra, body: body)
        } catch {
            logger.warning("Midtrans call failed", metadata: ["url": "\(url)", "error": "\(error)"])
            switch error {
            case .timeout: throw .unavailable("no answer within \(settings.timeout)")
            case .connection: throw .unavailable("connection failed")
            case .tooLarge(let limit): throw .malformed("answer larger than \(limit) bytes")
            }
        }
    }

    private func refusal(_ answer: BoundedHTTPAnswer) -> MidtransError {
        // The error body is optional detail for the log; the HTTP status decides.
        let detail = try? JSONDecoder().decode(MidtransErrorBody.self, from: Data(answer.body))  // ok: detail only
        let messages = (detail?.error_messages ?? detail?.status_message.map { [$0] } ?? []).map { String($0.prefix(300)) }
        logger.warning("Midtrans refused", metadata: ["status": "\(answer.status)", "messages": "\(messages)"])
        if answer.status >= 500 || answer.status == 429 {
            return .unavailable("HTTP \(answer.status)" + (messages.isEmpty ? "" : ": " + messages.joined(separator: "; ")))
        }
        return .refused(status: answer.status, messages: messages)
    }
}
