import Foundation
import GentaCore
import GentaTestSupport
import Testing

@Suite("Payments: plans and checkout")
struct CheckoutTests {
    @Test("plans are public; checkout opens one Snap page per plan and answers it again while it can be paid", arguments: TestDatabaseKind.allCases)
    func checkout(kind: TestDatabaseKind) async throws {
        try await PaymentHarness.run(kind) { pay in
            let plans = try await pay.app.call(.get, "/api/v1/plans", token: nil)
            #expect(plans.status == .ok)
            let listed = plans.json["plans"] as? [[String: Any]] ?? []
            #expect(listed.count == 6)
            #expect(listed.contains { $0["id"] as? String == "premium_plus-90" && $0["price_idr"] as? Int == 259_000 && $0["duration_days"] as? Int == 90 })

            let token = try await pay.app.token("budi@example.com")
            let first = try await pay.checkout(token)
            #expect(first.status == .created)
            let orderID = try #require(first.json["order_id"] as? String)
            #expect(orderID.hasPrefix("GENTA-") && orderID.count <= 46)
            #expect(first.json["status"] as? String == "pending")
            #expect((first.json["snap_token"] as? String)?.isEmpty == false)
            #expect((first.json["redirect_url"] as? String)?.hasPrefix("https://") == true)
            #expect(first.json["price_idr"] as? Int == 49_000)

            // What Snap was asked: the amount equals the one item, and the page expires.
            let body = try JSONSerialization.jsonObject(with: await pay.midtrans.lastSnapBody) as? [String: Any] ?? [:]
            #expect((body["transaction_details"] as? [String: Any])?["gross_amount"] as? Int == 49_000)
            #expect((body["expiry"] as? [String: Any])?["duration"] as? Int == 60)

            let again = try await pay.checkout(token)
            #expect(again.status == .ok)
            #expect(again.json["order_id"] as? String == orderID)
            #expect(await pay.midtrans.createdOrders.count == 1)

            // Another plan is another order; an unknown plan is a 404 that names the list.
            #expect(try await pay.checkout(token, plan: "premium_plus-30").status == .created)
            let unknown = try await pay.checkout(token, plan: "gold-1000")
            #expect(unknown.status == .notFound)
            #expect((unknown.json["error"] as? [String: Any])?["code"] as? String == "plan_not_found")

            // After its page expired the open order is not offered again.
            pay.app.clock.advance(seconds: 3_601)
            let later = try await pay.checkout(token)
            #expect(later.status == .created)
            #expect(later.json["order_id"] as? String != orderID)

            let mine = try await pay.app.call(.get, "/api/v1/subscriptions", token: token).json
            let orders = mine["orders"] as? [[String: Any]] ?? []
            #expect(orders.count == 3)
            #expect(orders.first { $0["order_id"] as? String == orderID }?["snap_token"] == nil, "an expired page is not offered")
            #expect((mine["current"] as? [String: Any])?["tier"] as? String == "free")
            // Another student sees none of them.
            let other = try await pay.app.token("siti@example.com")
            #expect((try await pay.app.call(.get, "/api/v1/subscriptions", token: other).json["orders"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("Snap refusing (401, order id taken), failing (503) or hanging answers 502, fails the order and grants nothing",
        arguments: TestDatabaseKind.allCases)
    func snapFailures(kind: TestDatabaseKind) async throws {
        try await PaymentHarness.run(kind, timeout: .milliseconds(500)) { pay in
            let token = try await pay.app.token("budi@example.com")
            let modes: [StandInMidtrans.SnapMode] = [.unauthorized, .orderIDTaken, .unavailable, .slow(.seconds(3))]
            for mode in modes {
                await pay.midtrans.setSnapMode(mode)
                let answer = try await pay.checkout(token)
                #expect(answer.status == .badGateway, "\(mode)")
                #expect((answer.json["error"] as? [String: Any])?["code"] as? String == "payment_provider_error")
            }
            let mine = try await pay.app.call(.get, "/api/v1/subscriptions", token: token).json
            let statuses = (mine["orders"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String }
            #expect(statuses == ["failed", "failed", "failed", "failed"])
            #expect(try await pay.me(token)["subscription_tier"] as? String == "free")

            // Midtrans back: a fresh order, not one of the failed ones.
            await pay.midtrans.setSnapMode(.normal)
            #expect(try await pay.checkout(token).status == .created)
        }
    }
}
