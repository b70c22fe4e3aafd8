import Foundation
import GentaCore
@testable import GentaServer
import GentaTestSupport
import Testing

@Suite("Payments: reconciliation")
struct ReconciliationTests {
    @Test("abandoned pages expire; payments Midtrans recorded are granted; a late settlement still counts",
        arguments: TestDatabaseKind.allCases)
    func reconcile(kind: TestDatabaseKind) async throws {
        try await PaymentHarness.run(kind) { pay in
            let (abandonedToken, abandoned) = try await pay.studentWithOrder("a@example.com")
            let (paidToken, paid) = try await pay.studentWithOrder("b@example.com")
            let (_, waiting) = try await pay.studentWithOrder("c@example.com")
            await pay.midtrans.setTransaction(paid, status: "settlement", grossAmount: "49000.00")
            await pay.midtrans.setTransaction(waiting, status: "pending", grossAmount: "49000.00")

            // Nothing is due before the page expired and Midtrans had its grace.
            #expect(try await pay.reconcile().checked == 0)
            pay.app.clock.advance(seconds: 3_600 + 301)
            let summary = try await pay.reconcile()
            #expect(summary.checked == 3)
            #expect(summary.expired == 1)
            #expect(summary.applied == 1)
            #expect(summary.stillPending == 1)
            #expect(try await pay.me(paidToken)["subscription_tier"] as? String == "premium")

            let orders = try await pay.app.call(.get, "/api/v1/subscriptions", token: abandonedToken).json["orders"] as? [[String: Any]]
            #expect(orders?.first?["status"] as? String == "expired")
            // The student paid at the last second after all: Midtrans' word counts.
            #expect(try await pay.notify(abandoned, "settlement").json["status"] as? String == "applied")
            #expect(try await pay.me(abandonedToken)["subscription_tier"] as? String == "premium")

            // Still pending a day after its page expired: expired here.
            pay.app.clock.advance(days: 1)
            #expect(try await pay.reconcile().expired == 1)
            #expect(try await pay.reconcile().checked == 0)
        }
    }

    @Test("operators list orders by status and see revenue per day and plan; students cannot", arguments: TestDatabaseKind.allCases)
    func operators(kind: TestDatabaseKind) async throws {
        try await PaymentHarness.run(kind) { pay in
            for email in ["a@example.com", "b@example.com", "c@example.com"] {
                let (_, order) = try await pay.studentWithOrder(email)
                if email != "c@example.com" { try await pay.notify(order, "settlement") }
            }
            let admin = try await pay.app.token("ops@example.com", role: .admin)
            let student = try await pay.app.token("a@example.com")
            #expect(try await pay.app.call(.get, "/api/v1/admin/payments", token: student).status == .forbidden)

            let successes = try await pay.app.call(.get, "/api/v1/admin/payments?status=success&limit=1", token: admin)
            #expect(successes.status == .ok)
            #expect((successes.json["orders"] as? [[String: Any]])?.count == 1)
            let cursor = try #require(successes.json["next_cursor"] as? String)
            let rest = try await pay.app.call(.get, "/api/v1/admin/payments?status=success&limit=1&cursor=\(cursor)", token: admin).json
            #expect((rest["orders"] as? [[String: Any]])?.first?["email"] as? String != nil)
            #expect(((rest["orders"] as? [[String: Any]])?.first?["order"] as? [String: Any])?["status"] as? String == "success")
            #expect(rest["next_cursor"] == nil || rest["next_cursor"] is NSNull)
            let pending = try await pay.app.call(.get, "/api/v1/admin/payments?status=pending", token: admin).json
            #expect((pending["orders"] as? [[String: Any]])?.count == 1)
            #expect(try await pay.app.call(.get, "/api/v1/admin/payments?status=paid", token: admin).status == .badRequest)

            let revenue = try await pay.app.call(.get, "/api/v1/admin/payments/revenue", token: admin).json
            #expect(revenue["total_idr"] as? Int == 98_000)
            let rows = revenue["by_day_and_plan"] as? [[String: Any]] ?? []
            #expect(rows.count == 1)
            #expect(rows.first?["plan_id"] as? String == "premium-30")
            #expect(rows.first?["orders"] as? Int == 2)
        }
    }
}
