import Foundation
import GentaCore
import GentaServer
import GentaTestSupport
import HTTPTypes
import Testing

/// Payments against the document: plans, checkout, Midtrans' notifications, the student's
/// period and the operators' views, each operation answering with a 2xx at least once.
extension ContractTests {
    static func paymentOperations(_ document: OpenAPIDocument) -> Set<String> {
        Set(document.operations.filter { operation in
            operation.node["tags"]?.array?.contains(.string("Payments")) == true || operation.template.contains("payments")
                || operation.template == "/webhooks/midtrans"
        }.map(\.description))
    }

    @Test("a purchase from plans to revenue matches the document, and every payment operation is exercised")
    func paymentFlow() async throws {
        try await PaymentHarness.run(.sqlite) { pay in
            let document = try await OpenAPIDocument.fetch(from: pay.app.client)
            let log = ContractLog()
            let api = ContractClient(client: pay.app.client, document: document, log: log)
            let token = try await pay.app.token("dewi@example.com")
            let admin = try await pay.app.token("ops@genta.id", role: .admin)

            let plans = try await api.call(.get, "/api/v1/plans", expect: .ok)
            #expect(plans["plans"]?.array?.count == 6)
            let free = try await api.call(.get, "/api/v1/me", token: token, expect: .ok)
            #expect(free["is_subscription_active"] == .bool(false))
            #expect(free["subscription_end_date"] == nil)

            let order = try await api.call(.post, "/api/v1/subscriptions/checkout", token: token,
                body: #"{"plan_id":"premium_plus-30"}"#, expect: .created)
            let orderID = try #require(order["order_id"]?.string)
            try await api.call(.post, "/api/v1/subscriptions/checkout", token: token, body: #"{"plan_id":"premium_plus-30"}"#, expect: .ok)
            #expect(Self.code(try await api.call(.post, "/api/v1/subscriptions/checkout", token: token,
                body: #"{"plan_id":"platinum"}"#, expect: .notFound)) == "plan_not_found")
            #expect(Self.code(try await api.call(.post, "/api/v1/subscriptions/checkout", token: token,
                body: "{}", expect: .badRequest)) == "missing_field")
            await pay.midtrans.setSnapMode(.unavailable)
            #expect(Self.code(try await api.call(.post, "/api/v1/subscriptions/checkout", token: token,
                body: #"{"plan_id":"premium-90"}"#, expect: .badGateway)) == "payment_provider_error")
            await pay.midtrans.setSnapMode(.normal)

            let settlement = await pay.midtrans.notification(orderID, status: "settlement", grossAmount: "99000.00")
            #expect(try await api.call(.post, "/webhooks/midtrans", body: settlement, expect: .ok)["status"]?.string == "applied")
            #expect(try await api.call(.post, "/webhooks/midtrans", body: settlement, expect: .ok)["status"]?.string == "duplicate")
            let forged = await pay.midtrans.notification(orderID, status: "refund", grossAmount: "99000.00", key: "SB-Mid-server-x")
            #expect(Self.code(try await api.call(.post, "/webhooks/midtrans", body: forged, expect: .forbidden)) == "invalid_signature")
            #expect(Self.code(try await api.call(.post, "/webhooks/midtrans", body: "[]", expect: .badRequest)) == "malformed_notification")

            let paid = try await api.call(.get, "/api/v1/me", token: token, expect: .ok)
            #expect(paid["subscription_tier"]?.string == "premium_plus")
            #expect(paid["is_subscription_active"] == .bool(true))
            let mine = try await api.call(.get, "/api/v1/subscriptions", token: token, expect: .ok)
            #expect(mine["current"]?["tier"]?.string == "premium_plus")
            #expect(mine["orders"]?.array?.first?["snap_token"] == nil, "a paid order offers no payment page")

            #expect(Self.code(try await api.call(.get, "/api/v1/admin/payments", token: token, expect: .forbidden)) == "admin_only")
            let listed = try await api.call(.get, "/api/v1/admin/payments?status=failed", token: admin, expect: .ok)
            #expect(listed["orders"]?.array?.first?["failure_reason"]?.string?.contains("503") == true)
            #expect(Self.code(try await api.call(.get, "/api/v1/admin/payments?from=yesterday", token: admin,
                expect: .badRequest)) == "invalid_date")
            let revenue = try await api.call(.get, "/api/v1/admin/payments/revenue", token: admin, expect: .ok)
            #expect(revenue["total_idr"] == .number(99_000))

            let missing = Self.paymentOperations(document).subtracting(log.succeeded)
            #expect(Self.paymentOperations(document).count == 6)
            #expect(missing.isEmpty, "documented but never answered with a 2xx: \(missing.sorted())")
        }
    }
}
