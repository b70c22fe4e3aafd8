import Crypto
import Foundation
import GentaCore
import GentaServer
import GentaTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Synchronization
import Testing

/// The contract away from the main flow: quotas, model-written feedback, a database that is
/// down, and the document's own consistency.
extension ContractTests {
    @Test("the daily free quota answers 429 as documented")
    func quota() async throws {
        try await PracticeHarness.run(.sqlite, freeDailyQuestions: 1) { app in
            let document = try await OpenAPIDocument.fetch(from: app.client)
            let api = ContractClient(client: app.client, document: document, log: ContractLog())
            let token = try await app.token("budi@example.com")
            let session = try #require(try await api.call(.post, "/api/v1/sessions", token: token, body: #"{"section":"PK"}"#,
                expect: .created)["id"]?.string)
            let served = try await api.call(.get, "/api/v1/practice/next?session_id=\(session)", token: token, expect: .ok)
            #expect(served["remaining_today"] == .number(0))
            let question = try #require(served["id"]?.string)
            let again = try await api.call(.get, "/api/v1/practice/next?session_id=\(session)", token: token, expect: .ok)
            #expect(again["id"]?.string == question, "an unanswered question is served again")
            #expect(again["remaining_today"] == .number(0), "a re-serve still says what is left")
            try await api.call(.post, "/api/v1/attempts", token: token,
                body: Self.answer(question: question, session: session, letter: "C"),
                headers: [Self.idempotencyKey: UUID().uuidString], expect: .created)
            let (refused, headers) = try await api.send(.get, "/api/v1/practice/next?session_id=\(session)", token: token,
                expect: .tooManyRequests)
            #expect(Self.code(refused) == "daily_limit_reached")
            #expect(headers[.retryAfter].flatMap { Int($0) }.map { (53_000...54_000).contains($0) } == true,
                "Retry-After: about 15 hours from 09:00 WIB to midnight WIB, got \(headers[.retryAfter] ?? "none")")
            #expect(refused["error"]?["details"]?["limit"]?.string == "1")
            #expect(refused["error"]?["details"]?["resets_at"]?.string == "2026-11-30T17:00:00Z", "00:00 WIB")
        }
    }

    @Test("model-written feedback, the daily allowance's note and the cost report match the document")
    func modelFeedback() async throws {
        let model = CountingModel()
        try await PracticeHarness.run(.sqlite, feedbackProviders: [model], feedbackLimits: FeedbackLimits(freeDaily: 1, premiumDaily: 100)) { app in
            let document = try await OpenAPIDocument.fetch(from: app.client)
            let api = ContractClient(client: app.client, document: document, log: ContractLog())
            let token = try await app.token("rina@example.com")
            let (first, _) = try await FeedbackTests.answered(app, token, section: .pu)
            let (second, _) = try await FeedbackTests.answered(app, token, section: .pk)

            let written = try await api.call(.post, "/api/v1/attempts/\(first)/feedback", token: token, expect: .created)
            #expect(written["model_used"]?.string == "gpt-4o-mini")
            #expect(written["prompt_version"]?.string == "id-v1")
            #expect(written["token_count_input"] == .number(1_000))
            #expect(written["cache_hit"] == .bool(false))
            #expect(written["note"] == nil)
            let limited = try await api.call(.post, "/api/v1/attempts/\(second)/feedback", token: token,
                body: #"{"lang":"en"}"#, expect: .created)
            #expect(limited["model_used"]?.string == "template", "the free allowance of 1 is used up")
            #expect(limited["note"]?.string?.contains("midnight WIB") == true)
            let again = try await api.call(.post, "/api/v1/attempts/\(second)/feedback", token: token, expect: .ok)
            #expect(again["note"] == nil, "the note comes only with the response that wrote it")
            #expect(model.callCount == 1)
            try await api.call(.post, "/api/v1/feedback/\(try #require(written["id"]?.string))/rating", token: token,
                body: #"{"helpful":false}"#, expect: .ok)

            let admin = try await app.token("ops@genta.id", role: .admin)
            let report = try await api.call(.get, "/api/v1/admin/llm-cost?days=7", token: admin, expect: .ok)
            #expect(report["days"] == .number(7))
            #expect(abs((report["total_cost_usd"]?.number ?? 0) - 0.00045) < 1e-12)
            let rows = try #require(report["by_day_and_model"]?.array)
            #expect(rows.compactMap { $0["model_used"]?.string } == ["gpt-4o-mini", "template"])
            #expect(rows.first?["helpful_rate"] == .number(0))
            #expect(rows.first?["avg_tokens"] == .number(1_500))
            #expect(rows.last?["helpful_rate"] == nil)
        }
    }

    @Test("readyz answers 503 as documented when the database is down")
    func databaseDown() async throws {
        try await TestApplication.test(database: FailingDatabase(FailingDatabase.Down())) { client in
            let document = try await OpenAPIDocument.fetch(from: client)
            let api = ContractClient(client: client, document: document, log: ContractLog())
            let body = try await api.call(.get, "/readyz", expect: .serviceUnavailable)
            #expect(Self.code(body) == "database_unavailable")
            try await api.call(.get, "/healthz", expect: .ok)
        }
    }

    @Test("the document is complete and consistent")
    func documentShape() async throws {
        let document = try await TestApplication.test(database: FailingDatabase(FailingDatabase.Down())) { client in
            try await OpenAPIDocument.fetch(from: client)
        }
        let problems = DocumentLint(document).problems()
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(document.operations.count == 68)
    }
}
