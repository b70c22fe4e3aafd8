import Foundation
import GentaCore
import GentaTestSupport
import Testing

@Suite("Payments: reversals, overlaps and expiry")
struct ReversalTests {
    @Test("a settlement reversed to deny, a refund and a chargeback take back what the order granted", arguments: TestDatabaseKind.allCases)
    func reversals(kind: TestDatabaseKind) async throws {
        try await PaymentHarness.run(kind) { pay in
            for (email, reversal) in [("a@example.com", "deny"), ("b@example.com", "refund"), ("c@example.com", "chargeback")] {
                let (token, order) = try await pay.studentWithOrder(email)
                try await pay.notify(order, "settlement")
                #expect(try await pay.me(token)["subscription_tier"] as? String == "premium")
                #expect(try await pay.notify(order, reversal).json["status"] as? String == "applied")
                let me = try await pay.me(token)
                #expect(me["subscription_tier"] as? String == "free", "\(reversal)")
                #expect(me["is_subscription_active"] as? Bool == false)
                // A stale settlement arriving after the reversal does not grant again.
                #expect(try await pay.notify(order, "settlement").json["status"] as? String == "stale")
                #expect(try await pay.me(token)["subscription_tier"] as? String == "free")
            }
        }
    }

    @Test("two overlapping purchases stack; refunding the first keeps the second's days", arguments: TestDatabaseKind.allCases)
    func overlapping(kind: TestDatabaseKind) async throws {
        try await PaymentHarness.run(kind) { pay in
            let token = try await pay.app.token("budi@example.com")
            let first = try #require(try await pay.checkout(token, plan: "premium-30").json["order_id"] as? String)
            try await pay.notify(first, "settlement")
            pay.app.clock.advance(days: 10)
            let second = try #require(try await pay.checkout(token, plan: "premium-90").json["order_id"] as? String)
            try await pay.notify(second, "settlement", amount: "129000.00")
            // Bought early, the 90 days start where the 30 end.
            #expect(abs((try await pay.paidDays(token) ?? 0) - 120) < 0.01)
            try await pay.notify(first, "refund")
            // Replayed without the first order: the second starts when it was paid, day 10.
            #expect(abs((try await pay.paidDays(token) ?? 0) - 100) < 0.01)
            #expect(try await pay.me(token)["subscription_tier"] as? String == "premium")
        }
    }

    @Test("Premium Plus bought during Premium upgrades at once and credits the unused Premium", arguments: TestDatabaseKind.allCases)
    func upgrade(kind: TestDatabaseKind) async throws {
        try await PaymentHarness.run(kind) { pay in
            let token = try await pay.app.token("budi@example.com")
            let premium = try #require(try await pay.checkout(token, plan: "premium-30").json["order_id"] as? String)
            try await pay.notify(premium, "settlement")
            pay.app.clock.advance(days: 10)
            let plus = try #require(try await pay.checkout(token, plan: "premium_plus-30").json["order_id"] as? String)
            try await pay.notify(plus, "settlement", amount: "99000.00")
            #expect(try await pay.me(token)["subscription_tier"] as? String == "premium_plus")
            // 20 unused Premium days worth 49000/30 a day buy 20 × 49000/99000 ≈ 9.9 Plus days.
            let expected = 10 + 30 + 20 * 49_000.0 / 99_000.0
            #expect(abs((try await pay.paidDays(token) ?? 0) - expected) < 0.01)
        }
    }

    @Test("the period ends on its date without any job", arguments: TestDatabaseKind.allCases)
    func expiry(kind: TestDatabaseKind) async throws {
        try await PaymentHarness.run(kind) { pay in
            let (_, order) = try await pay.studentWithOrder("budi@example.com")
            try await pay.notify(order, "settlement")
            pay.app.clock.advance(days: 29.9)
            // Sign in again: a session token does not last a month.
            let later = try await pay.app.token("budi@example.com")
            #expect(try await pay.me(later)["subscription_tier"] as? String == "premium")
            pay.app.clock.advance(days: 0.2)
            let token = try await pay.app.token("budi@example.com")
            let me = try await pay.me(token)
            #expect(me["subscription_tier"] as? String == "free")
            #expect(me["is_subscription_active"] as? Bool == false)
            #expect(me["subscription_end_date"] is NSNull || me["subscription_end_date"] == nil)
            let current = try await pay.app.call(.get, "/api/v1/subscriptions", token: token).json["current"] as? [String: Any]
            #expect(current?["is_active"] as? Bool == false)
        }
    }
}
