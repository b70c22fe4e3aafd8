import Foundation
import GentaCore
import GentaIntegrations
import GentaServer
import GentaTestSupport
import SQLKit
import Synchronization
import Testing

/// A model that answers after `delay` (at once by default) and counts its calls (the HTTP
/// clients themselves are tested against stand-in servers in GentaIntegrationsTests).
final class CountingModel: FeedbackProvider, Sendable {
    let name = "fake"
    let delay: Duration
    private let calls = Mutex(0)
    var callCount: Int { calls.withLock { $0 } }

    init(delay: Duration = .zero) {
        self.delay = delay
    }

    func generate(_ prompt: Prompt) async throws(ProviderError) -> FeedbackReply {
        calls.withLock { $0 += 1 }
        if delay > .zero { try? await Task.sleep(for: delay) }  // ok: a cancelled test model just answers sooner
        return FeedbackReply(
            text: "Umpan balik dari model untuk soal ini.", model: "gpt-4o-mini", provider: name,
            inputTokens: 1_000, outputTokens: 500, latency: .milliseconds(12))
    }
}

@Suite("AI feedback")
struct FeedbackTests {
    /// Answers one served question and returns the attempt id and question id.
    /// A claim on `attempt`'s feedback as a request that died would leave it: held for 2 minutes.
    static func abandonClaim(_ app: PracticeHarness, attempt: String) async throws {
        let now = app.clock.now
        try await app.database.withConnection { db in
            try await db.raw("""
                INSERT INTO feedback_claims (attempt_id, token, claimed_at, expires_at)
                VALUES (\(bind: UUID(uuidString: attempt)!), \(bind: UUID()), \(bind: now), \(bind: now.addingTimeInterval(120)))
                """).run()
        }
    }

    static func answered(_ app: PracticeHarness, _ token: String, section: Section = .pu, answer: String? = nil) async throws -> (attempt: String, question: String) {
        let session = try await app.startSession(token, section: section)
        let question = try #require(try await app.next(token, session: session).json["id"] as? String)
        let chosen: String
        if let answer { chosen = answer } else { chosen = try await app.wrongAnswer(for: question) }
        let result = try await app.answer(token, session: session, question: question, answer: chosen)
        return (try #require(result.json["id"] as? String), question)
    }

    @Test("offline feedback is written once, rated, listed, and only for one's own attempts", arguments: TestDatabaseKind.allCases)
    func offline(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let token = try await app.token("siti@example.com")
            let (attempt, _) = try await Self.answered(app, token)
            let first = try await app.call(.post, "/api/v1/attempts/\(attempt)/feedback", token: token)
            #expect(first.status == .created)
            #expect(first.json["model_used"] as? String == "template")
            #expect(first.json["feedback_lang"] as? String == "id")
            #expect((first.json["feedback_text"] as? String)?.contains("jawaban yang benar") == true)
            let again = try await app.call(.post, "/api/v1/attempts/\(attempt)/feedback", token: token)
            #expect(again.status == .ok)
            #expect(again.json["id"] as? String == first.json["id"] as? String)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM attempt_feedback") == 1)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM attempts WHERE feedback_generated = \(bind: true)") == 1)

            let feedbackID = try #require(first.json["id"] as? String)
            #expect(try await app.call(.get, "/api/v1/feedback", token: token).json["feedback"] as? [Any] != nil)
            let rated = try await app.call(.post, "/api/v1/feedback/\(feedbackID)/rating", token: token, body: #"{"helpful":true}"#)
            #expect(rated.json["is_helpful"] as? Bool == true)
            let changed = try await app.call(.post, "/api/v1/feedback/\(feedbackID)/rating", token: token, body: #"{"helpful":false}"#)
            #expect(changed.json["is_helpful"] as? Bool == false)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM attempts WHERE feedback_helpful = \(bind: false)") == 1)
            let history = try #require(try await app.call(.get, "/api/v1/feedback", token: token).json["feedback"] as? [[String: Any]])
            #expect(history.count == 1)

            let other = try await app.token("bayu@example.com")
            #expect(try await app.call(.post, "/api/v1/attempts/\(attempt)/feedback", token: other).status == .notFound)
            #expect(try await app.call(.post, "/api/v1/feedback/\(feedbackID)/rating", token: other, body: #"{"helpful":true}"#).status == .notFound)
            #expect((try await app.call(.get, "/api/v1/feedback", token: other).json["feedback"] as? [Any])?.isEmpty == true)
            let (second, _) = try await Self.answered(app, token, section: .pk)
            let bad = try await app.call(.post, "/api/v1/attempts/\(second)/feedback", token: token, body: #"{"lang":"fr"}"#)
            #expect(bad.status == .badRequest)
            #expect(PracticeLoopTests.code(bad.json) == "invalid_lang")
            let english = try await app.call(.post, "/api/v1/attempts/\(second)/feedback", token: token, body: #"{"lang":"en"}"#)
            #expect(english.json["feedback_lang"] as? String == "en")
            #expect(try await app.call(.post, "/api/v1/feedback/\(feedbackID)/rating", token: token, body: #"{"helpful":"yes"}"#).status == .badRequest)
        }
    }

    @Test("model feedback is priced, cached for the same answer, and limited per day", arguments: TestDatabaseKind.allCases)
    func modelCacheAndLimit(kind: TestDatabaseKind) async throws {
        let model = CountingModel()
        try await PracticeHarness.run(kind, feedbackProviders: [model], feedbackLimits: FeedbackLimits(freeDaily: 2, premiumDaily: 100)) { app in
            let siti = try await app.token("siti@example.com")
            let (attempt, question) = try await Self.answered(app, siti, answer: "A")
            let written = try await app.call(.post, "/api/v1/attempts/\(attempt)/feedback", token: siti)
            #expect(written.json["model_used"] as? String == "gpt-4o-mini")
            #expect(written.json["cache_hit"] as? Bool == false)
            // gpt-4o-mini: 1,000 × 0.15 + 500 × 0.60 per million = 0.00045 USD.
            #expect(abs((written.json["cost_usd"] as? Double ?? 0) - 0.00045) < 1e-9)
            #expect(model.callCount == 1)

            // Another student, same question, same answer: served from the cache at no cost.
            let bayu = try await app.token("bayu@example.com")
            let session = try await app.startSession(bayu, section: .pu)
            try await app.database.withConnection { db in
                try await db.raw("""
                    INSERT INTO served_questions (id, user_id, question_id, session_id, section, served_at)
                    SELECT \(bind: UUID()), id, \(bind: UUID(uuidString: question)!), \(bind: session), 'PU', \(bind: app.clock.now)
                    FROM users WHERE email = 'bayu@example.com'
                    """).run()
            }
            let answer = try await app.answer(bayu, session: session, question: question, answer: "A")
            let cached = try await app.call(.post, "/api/v1/attempts/\(try #require(answer.json["id"] as? String))/feedback", token: bayu)
            #expect(cached.json["cache_hit"] as? Bool == true)
            #expect(cached.json["cost_usd"] as? Double == 0)
            #expect(cached.json["feedback_text"] as? String == written.json["feedback_text"] as? String)
            #expect(model.callCount == 1)

            // Siti's allowance is 2 model feedbacks a day: the third is written by the template.
            let (second, _) = try await Self.answered(app, siti, section: .pk, answer: "B")
            #expect(try await app.call(.post, "/api/v1/attempts/\(second)/feedback", token: siti).json["model_used"] as? String == "gpt-4o-mini")
            let (third, _) = try await Self.answered(app, siti, section: .pbm, answer: "C")
            let limited = try await app.call(.post, "/api/v1/attempts/\(third)/feedback", token: siti)
            #expect(limited.json["model_used"] as? String == "template")
            #expect((limited.json["note"] as? String)?.contains("00.00 WIB") == true)
            #expect(model.callCount == 2)
            _ = try await app.call(.post, "/api/v1/feedback/\(try #require(written.json["id"] as? String))/rating", token: siti,
                body: #"{"helpful":true}"#)

            // The operators' view: per day and model, with cache hits, cost and the helpful rate.
            #expect(try await app.call(.get, "/api/v1/admin/llm-cost", token: siti).status == .forbidden)
            let admin = try await app.token("ops@genta.id", role: .admin)
            #expect(try await app.call(.get, "/api/v1/admin/llm-cost?days=0", token: admin).status == .badRequest)
            let report = try await app.call(.get, "/api/v1/admin/llm-cost?days=30", token: admin)
            #expect(report.status == .ok)
            let rows = try #require(report.json["by_day_and_model"] as? [[String: Any]])
            let gpt = try #require(rows.first { $0["model_used"] as? String == "gpt-4o-mini" })
            #expect(gpt["date"] as? String == "2026-11-30")
            #expect(gpt["feedback_count"] as? Int == 3)
            #expect(gpt["cache_hits"] as? Int == 1)
            #expect(abs((gpt["cost_usd"] as? Double ?? 0) - 0.0009) < 1e-9, "two priced calls, the cache hit free")
            #expect(gpt["helpful_rate"] as? Double == 1)
            #expect(rows.contains { $0["model_used"] as? String == "template" && $0["feedback_count"] as? Int == 1 })
            let versions = try #require(report.json["by_prompt_version"] as? [[String: Any]])
            #expect(versions.first?["prompt_version"] as? String == "id-v1")
            #expect(versions.first?["rated_count"] as? Int == 1)
        }
    }

    @Test("rated feedback pages with a cursor, newest first", arguments: TestDatabaseKind.allCases)
    func ratedPages(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let token = try await app.token("siti@example.com")
            var rated: [String] = []
            for (index, section) in [Section.pu, .pk, .pbm, .pu, .pk].enumerated() {
                let (attempt, _) = try await Self.answered(app, token, section: section)
                let feedback = try await app.call(.post, "/api/v1/attempts/\(attempt)/feedback", token: token)
                let id = try #require(feedback.json["id"] as? String)
                try await app.call(.post, "/api/v1/feedback/\(id)/rating", token: token, body: #"{"helpful":\#(index % 2 == 0)}"#)
                rated.append(id)
            }
            let (unrated, _) = try await Self.answered(app, token)
            try await app.call(.post, "/api/v1/attempts/\(unrated)/feedback", token: token)

            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try await app.call(.get, "/api/v1/feedback?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), token: token)
                #expect(page.status == .ok)
                let entries = try #require(page.json["feedback"] as? [[String: Any]])
                seen += entries.compactMap { ($0["feedback"] as? [String: Any])?["id"] as? String }
                cursor = page.json["next_cursor"] as? String
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(seen == rated.reversed(), "every rated feedback once, newest first, the unrated one absent")

            let other = try await app.token("bayu@example.com")
            let foreign = try await app.call(.get, "/api/v1/feedback?cursor=\(rated[0])", token: other)
            #expect(foreign.status == .notFound)
            #expect(PracticeLoopTests.code(foreign.json) == "cursor_not_found")
            #expect(PracticeLoopTests.code(try await app.call(.get, "/api/v1/feedback?cursor=xyz", token: token).json) == "invalid_cursor")
        }
    }
}
