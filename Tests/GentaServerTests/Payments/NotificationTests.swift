import Foundation
import GentaCore
import GentaTestSupport
import Testing

@Suite("Payments: notifications")
struct NotificationTests {
    @Test("a settlement grants the plan once; duplicates and a late pending change nothing", arguments: TestDatabaseKind.allCases)
    func settlement(kind: TestDatabaseKind) async throws {
        try await PaymentHarness.run(kind) { pay in
            let (token, order) = try await pay.studentWithOrder("budi@example.com")
            let paid = try await pay.notify(order, "settlement")
            #expect(paid.status == .ok)
            #expect(paid.json["status"] as? String == "applied")
            let me = try await pay.me(token)
            #expect(me["subscription_tier"] as? String == "premium")
            #expect(me["is_subscription_active"] as? Bool == true)
            let days = try #require(try await pay.paidDays(token))
            #expect(abs(days - 30) < 0.01)

            #expect(try await pay.notify(order, "settlement").json["status"] as? String == "duplicate")
            #expect(try await pay.notify(order, "pending").json["status"] as? String == "stale")
            #expect(abs((try await pay.paidDays(token) ?? 0) - days) < 0.0001)
            let orders = try await pay.app.call(.get, "/api/v1/subscriptions", token: token).json["orders"] as? [[String: Any]]
            #expect(orders?.first?["status"] as? String == "success")
            #expect(orders?.first?["midtrans_status"] as? String == "settlement")
        }
    }

    @Test("settlement before pending, upper-case statuses, challenge then accept", arguments: TestDatabaseKind.allCases)
    func orderAndCase(kind: TestDatabaseKind) async throws {
        try await PaymentHarness.run(kind) { pay in
            let (token, order) = try await pay.studentWithOrder("budi@example.com")
            #expect(try await pay.notify(order, "SETTLEMENT").json["status"] as? String == "applied")
            #expect(try await pay.notify(order, "PENDING").json["status"] as? String == "stale")
            #expect(try await pay.me(token)["subscription_tier"] as? String == "premium")

            // A card capture under fraud review is not paid until the review accepts it.
            let (other, card) = try await pay.studentWithOrder("siti@example.com")
            #expect(try await pay.notify(card, "capture", fraud: "challenge").json["status"] as? String == "applied")
            #expect(try await pay.me(other)["subscription_tier"] as? String == "free")
            #expect(try await pay.notify(card, "capture", fraud: "accept").json["status"] as? String == "applied")
            #expect(try await pay.me(other)["subscription_tier"] as? String == "premium")
            #expect(try await pay.notify(card, "capture", fraud: "challenge").json["status"] as? String == "stale")
            #expect(try await pay.me(other)["subscription_tier"] as? String == "premium")
        }
    }

    @Test("forged, replayed and tampered notifications are refused and recorded; nothing is granted", arguments: TestDatabaseKind.allCases)
    func forgeries(kind: TestDatabaseKind) async throws {
        try await PaymentHarness.run(kind) { pay in
            let (token, order) = try await pay.studentWithOrder("budi@example.com")
            let (_, otherOrder) = try await pay.studentWithOrder("siti@example.com")

            let forged = await pay.midtrans.notification(order, status: "settlement", grossAmount: "49000.00", key: "SB-Mid-server-guess")
            let refused = try await pay.notify(forged)
            #expect(refused.status == .forbidden)
            #expect((refused.json["error"] as? [String: Any])?["code"] as? String == "invalid_signature")

            // The other order's genuine notification, with this order's id put in.
            let genuine = await pay.midtrans.notification(otherOrder, status: "settlement", grossAmount: "49000.00")
            #expect(try await pay.notify(genuine.replacingOccurrences(of: otherOrder, with: order)).status == .forbidden)
            // A genuine one with the amount lowered.
            #expect(try await pay.notify(genuine.replacingOccurrences(of: "49000.00", with: "1000.00")).status == .forbidden)
            // Signed (by someone holding the key) but for an amount the order does not cost.
            #expect(try await pay.notify(order, "settlement", amount: "1000.00").json["status"] as? String == "amount_mismatch")
            #expect(try await pay.notify(order, "settlement", amount: "1e309").json["status"] as? String == "amount_mismatch")

            #expect(try await pay.me(token)["subscription_tier"] as? String == "free")
            #expect(try await pay.events("invalid_signature") == 3)
            #expect(try await pay.events("amount_mismatch") == 2)
        }
    }

    @Test("bad bodies are 4xx, unknown orders are ignored with 200, never a grant", arguments: TestDatabaseKind.allCases)
    func badInput(kind: TestDatabaseKind) async throws {
        try await PaymentHarness.run(kind) { pay in
            let (token, order) = try await pay.studentWithOrder("budi@example.com")
            #expect(try await pay.notify("{not json").status == .badRequest)
            let missing = try await pay.notify(#"{"order_id":"\#(order)","transaction_status":"settlement"}"#)
            #expect(missing.status == .badRequest)
            #expect((missing.json["error"] as? [String: Any])?["code"] as? String == "malformed_notification")
            #expect(try await pay.notify(#"{"order_id":1,"status_code":"200","gross_amount":"49000.00","transaction_status":"settlement","signature_key":"x"}"#).status == .badRequest)
            #expect(try await pay.notify(String(repeating: "a", count: 1 << 20)).status == .contentTooLarge)
            #expect(try await pay.notify("{\"order_id\":\"\u{0}\"}").status == .badRequest)

            let longID = String(repeating: "G", count: 10_240)
            let unknown = try await pay.notify(longID, "settlement")
            #expect(unknown.status == .ok)
            #expect(unknown.json["status"] as? String == "unknown_order")
            #expect(try await pay.notify("GENTA-NOSUCHORDER", "settlement").json["status"] as? String == "unknown_order")
            #expect(try await pay.notify(order, "teleported").json["status"] as? String == "unknown_status")

            #expect(try await pay.me(token)["subscription_tier"] as? String == "free")
            #expect(try await pay.events("malformed") == 4)
        }
    }

    @Test("ten simultaneous copies of one settlement grant exactly one period", arguments: TestDatabaseKind.allCases)
    func concurrentCopies(kind: TestDatabaseKind) async throws {
        try await PaymentHarness.run(kind) { pay in
            let (token, order) = try await pay.studentWithOrder("budi@example.com")
            let body = await pay.midtrans.notification(order, status: "settlement", grossAmount: "49000.00")
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<10 {
                    group.addTask { try await pay.notify(body).json["status"] as? String ?? "error" }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == "applied" }.count == 1)
            #expect(outcomes.filter { $0 == "duplicate" }.count == 9)
            #expect(abs((try await pay.paidDays(token) ?? 0) - 30) < 0.01)
        }
    }

    @Test("our own failure answers 503, so Midtrans retries")
    func databaseDown() async throws {
        try await PaymentHarness.run(.sqlite, serving: { _ in FailingDatabase(FailingDatabase.Down()) }) { pay in
            let answer = try await pay.notify("GENTA-ANY", "settlement")
            #expect(answer.status == .serviceUnavailable)
            #expect((answer.json["error"] as? [String: Any])?["code"] as? String == "try_again")
        }
    }

    @Test("MIDTRANS_VERIFY_STATUS confirms a paid notification with the status API first", arguments: TestDatabaseKind.allCases)
    func verifyStatus(kind: TestDatabaseKind) async throws {
        try await PaymentHarness.run(kind, verifyStatus: true) { pay in
            let (token, order) = try await pay.studentWithOrder("budi@example.com")
            // Midtrans' own records still say pending: the notification is not believed.
            await pay.midtrans.setTransaction(order, status: "pending", grossAmount: "49000.00")
            #expect(try await pay.notify(order, "settlement").json["status"] as? String == "applied")
            #expect(try await pay.me(token)["subscription_tier"] as? String == "free")
            await pay.midtrans.setTransaction(order, status: "settlement", grossAmount: "49000.00")
            #expect(try await pay.notify(order, "settlement").json["status"] as? String == "applied")
            #expect(try await pay.me(token)["subscription_tier"] as? String == "premium")
        }
    }
}
