import AsyncHTTPClient
import Foundation
import GentaCore
import GentaIntegrations
@testable import GentaServer
import GentaStore
import GentaTestSupport
import HTTPTypes
import SQLKit

/// The API with payments wired to a stand-in Midtrans on 127.0.0.1, without the demo bank.
struct PaymentHarness: Sendable {
    let app: PracticeHarness
    let midtrans: StandInMidtrans
    let client: MidtransClient

    static func run(
        _ kind: TestDatabaseKind, timeout: Duration = .seconds(5), verifyStatus: Bool = false,
        serving: @Sendable @escaping (any Database) -> any Database = { $0 },
        _ body: @Sendable @escaping (PaymentHarness) async throws -> Void
    ) async throws {
        let standIn = StandInMidtrans()
        try await withStandInMidtrans(standIn) { base in
            let client = MidtransClient(
                settings: MidtransSettings(
                    serverKey: StandInMidtrans.serverKey, snapBaseURL: base, apiBaseURL: base, timeout: timeout,
                    verifyStatus: verifyStatus),
                httpClient: .shared, logger: TestDatabase.logger)
            try await PracticeHarness.run(kind, serving: serving, demoBank: false, midtrans: client) { app in
                try await body(PaymentHarness(app: app, midtrans: standIn, client: client))
            }
        }
    }

    /// Checks out `plan` and returns the status and the order's JSON.
    @discardableResult
    func checkout(_ token: String, plan: String = "premium-30") async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        try await app.call(.post, "/api/v1/subscriptions/checkout", token: token, body: #"{"plan_id":"\#(plan)"}"#)
    }

    /// A student with an open order of `plan`; returns the token and the order id.
    func studentWithOrder(_ email: String, plan: String = "premium-30") async throws -> (token: String, orderID: String) {
        let token = try await app.token(email)
        let (_, json) = try await checkout(token, plan: plan)
        return (token, json["order_id"] as? String ?? "")
    }

    /// Posts a notification body as Midtrans would.
    @discardableResult
    func notify(_ body: String) async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        try await app.call(.post, "/webhooks/midtrans", token: nil, body: body)
    }

    /// Posts Midtrans' signed notification of `status` for the order.
    @discardableResult
    func notify(
        _ orderID: String, _ status: String, amount: String = "49000.00", fraud: String? = nil
    ) async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        try await notify(await midtrans.notification(orderID, status: status, grossAmount: amount, fraud: fraud))
    }

    func me(_ token: String) async throws -> [String: Any] {
        try await app.call(.get, "/api/v1/me", token: token).json
    }

    func reconcile() async throws -> PaymentReconciliation.Summary {
        try await PaymentReconciliation(
            client: client, ledger: PaymentLedger(database: app.database, clock: app.clock.ticking), clock: app.clock.ticking,
            logger: TestDatabase.logger
        ).run()
    }

    /// The end of the student's paid time as the API shows it, in seconds after the harness's start.
    func paidDays(_ token: String) async throws -> Double? {
        guard let text = try await me(token)["subscription_end_date"] as? String, let end = ISO8601.parse(text) else { return nil }
        return end.timeIntervalSince(TestDatabase.referenceNow) / 86_400
    }

    /// Rows of `payment_events` with this outcome.
    func events(_ outcome: String) async throws -> Int {
        try await app.database.withConnection { db in
            try await db.raw("SELECT COUNT(*) AS n FROM payment_events WHERE outcome = \(bind: outcome)").first()?
                .decode(column: "n", as: Int.self) ?? 0
        }
    }
}

enum ISO8601 {
    static func parse(_ text: String) -> Date? {
        try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
