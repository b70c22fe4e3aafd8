import Foundation
import GentaCore
@testable import GentaServer
import GentaTestSupport
import HTTPTypes
import Testing

@Suite("Web pages: feedback, quota and premium")
struct WebPremiumAndFeedbackTests {
    /// Signs a browser in and sets its goals; returns it with its CSRF token.
    static func onboarded(_ app: PracticeHarness, _ email: String) async throws -> (Browser, String) {
        var browser = Browser(app: app)
        _ = try await browser.post("/masuk", [("email", email)])
        let csrf = try #require(try await browser.get("/onboarding").field("csrf"))
        _ = try await browser.post("/onboarding", [("csrf", csrf), ("target_ptn", "ITB"), ("target_score", "700"),
            ("exam_date", "2027-05-01"), ("study_hours_per_week", "12")])
        return (browser, csrf)
    }

    @Test("a wrong answer offers AI feedback, which can be rated; a used-up quota offers Premium")
    func feedbackAndQuota() async throws {
        try await PracticeHarness.run(.sqlite, freeDailyQuestions: 2) { app in
            var (browser, csrf) = try await Self.onboarded(app, "rina@example.com")
            let session = try #require(try await browser.post("/latihan", [("csrf", csrf), ("section", "PU")]).headers[.location])
            var wrongResult: Browser.Page?
            for _ in 0..<2 {
                let question = try await browser.get(session)
                for letter in ["A", "B"] {
                    let result = try await browser.post(session + "/jawab", [("csrf", csrf),
                        ("question_id", try #require(question.field("question_id"))), ("key", UUID().uuidString),
                        ("started", try #require(question.field("started"))), ("choice", letter)])
                    if result.html.contains("/umpan-balik/") { wrongResult = result }
                    if result.status == .ok { break }
                }
            }
            let wrong = try #require(wrongResult, "two answers of A or B, at least one wrong on the demo bank")
            let attempt = try #require(wrong.html.firstMatch(of: /action="\/umpan-balik\/([0-9a-f-]{36})"/)?.output.1)
            let feedback = try await browser.post("/umpan-balik/\(attempt)", [("csrf", csrf)])
            #expect(feedback.status == .ok)
            let feedbackID = try #require(feedback.field("feedback_id"))
            let rated = try await browser.post("/umpan-balik/\(attempt)/nilai", [("csrf", csrf), ("feedback_id", feedbackID), ("helpful", "1")])
            #expect(rated.html.contains("Terima kasih"))

            let quota = try await browser.get(session)
            #expect(quota.status == .tooManyRequests)
            #expect(quota.headers[.retryAfter] != nil)
            #expect(quota.html.contains("href=\"/premium\""))
        }
    }

    @Test("Premium: plans, checkout to Snap's page, the order page follows Midtrans", arguments: TestDatabaseKind.allCases)
    func premium(kind: TestDatabaseKind) async throws {
        try await PaymentHarness.run(kind) { pay in
            var (browser, csrf) = try await Self.onboarded(pay.app, "budi@example.com")
            let plans = try await browser.get("/premium")
            #expect(plans.html.contains("Rp49.000") && plans.html.contains("Rp799.000"))
            #expect(plans.headers[.contentSecurityPolicy]?.contains("form-action 'self' http://127.0.0.1:") == true,
                "a checkout may redirect to the configured Snap origin, and only there")
            let checkout = try await browser.post("/premium/beli", [("csrf", csrf), ("plan_id", "premium-30")])
            #expect(checkout.status == .seeOther)
            #expect(checkout.headers[.location]?.hasPrefix("https://app.sandbox.midtrans.com/") == true)
            #expect(try await browser.post("/premium/beli", [("csrf", "x"), ("plan_id", "premium-30")]).status == .forbidden)

            let orderID = try #require(try await pay.app.call(.get, "/api/v1/subscriptions", token: try await pay.app.token("budi@example.com"))
                .json["orders"] as? [[String: Any]]).first?["order_id"] as? String
            let finish = try await browser.get("/premium/selesai?order_id=\(try #require(orderID))&transaction_status=pending")
            let orderPage = try #require(finish.headers[.location])
            #expect(try await browser.get(orderPage).html.contains("Lanjutkan pembayaran"))
            try await pay.notify(try #require(orderID), "settlement")
            #expect(try await browser.get(orderPage).html.contains("Premium-mu sudah aktif"))
            #expect(try await browser.get("/premium").html.contains("aktif sampai"))
            var stranger = Browser(app: pay.app)
            _ = try await stranger.post("/masuk", [("email", "other@example.com")])
            #expect(try await stranger.get(orderPage).status == .notFound, "another student's order is not found")
        }
    }
}
