import Foundation
import GentaCore
import GentaIntegrations
import GentaServer
import GentaTestSupport
import HTTPTypes
import SQLKit
import Synchronization
import Testing

/// Feedback requests that overlap: a double tap on one answer, a burst over many answers, and a
/// claim left behind by a request that died.
@Suite("AI feedback under concurrency")
struct FeedbackConcurrencyTests {
    typealias Reply = (status: HTTPResponse.Status, id: String?, model: String?, note: String?)

    /// Sends all requests at once and returns their replies.
    static func together(_ app: PracticeHarness, _ token: String, attempts: [String]) async throws -> [Reply] {
        try await withThrowingTaskGroup(of: Reply.self) { group in
            for attempt in attempts {
                group.addTask {
                    let reply = try await app.call(.post, "/api/v1/attempts/\(attempt)/feedback", token: token)
                    return (reply.status, reply.json["id"] as? String, reply.json["model_used"] as? String,
                        reply.json["note"] as? String)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test("simultaneous requests for one answer pay for one model call and get the same feedback", arguments: TestDatabaseKind.allCases)
    func doubleTap(kind: TestDatabaseKind) async throws {
        let model = CountingModel(delay: .milliseconds(300))
        try await PracticeHarness.run(kind, feedbackProviders: [model]) { app in
            let token = try await app.token("siti@example.com")
            let (attempt, _) = try await FeedbackTests.answered(app, token)
            let replies = try await Self.together(app, token, attempts: Array(repeating: attempt, count: 5))
            #expect(model.callCount == 1)
            #expect(replies.filter { $0.status == .created }.count == 1)
            #expect(replies.filter { $0.status == .ok }.count == 4)
            #expect(Set(replies.map(\.id)).count == 1)
            #expect(replies.allSatisfy { $0.model == "gpt-4o-mini" })
            #expect(try await app.count("SELECT COUNT(*) AS n FROM attempt_feedback") == 1)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM feedback_claims") == 0)
        }
    }

    @Test("a burst of requests stays within the daily model allowance", arguments: TestDatabaseKind.allCases)
    func burstWithinAllowance(kind: TestDatabaseKind) async throws {
        let model = CountingModel(delay: .milliseconds(200))
        try await PracticeHarness.run(kind, feedbackProviders: [model], feedbackLimits: FeedbackLimits(freeDaily: 2)) { app in
            let token = try await app.token("siti@example.com")
            var attempts: [String] = []
            for section in [Section.pu, .pk, .pbm, .pu, .pk, .pbm] {
                attempts.append(try await FeedbackTests.answered(app, token, section: section).attempt)
            }
            let replies = try await Self.together(app, token, attempts: attempts)
            #expect(model.callCount == 2)
            #expect(replies.allSatisfy { $0.status == .created })
            #expect(replies.filter { $0.model == "gpt-4o-mini" && $0.note == nil }.count == 2)
            let limited = replies.filter { $0.model == "template" }
            #expect(limited.count == 4)
            #expect(limited.allSatisfy { $0.note?.contains("Jatah 2 umpan balik AI") == true })
            #expect(try await app.count("SELECT COUNT(*) AS n FROM feedback_claims") == 0)
        }
    }

    @Test("a claim left by a request that died makes others wait, then expires", arguments: TestDatabaseKind.allCases)
    func abandonedClaim(kind: TestDatabaseKind) async throws {
        let model = CountingModel()
        try await PracticeHarness.run(kind, feedbackProviders: [model], feedbackWait: .milliseconds(300)) { app in
            let token = try await app.token("siti@example.com")
            let (attempt, _) = try await FeedbackTests.answered(app, token)
            try await FeedbackTests.abandonClaim(app, attempt: attempt)
            var retryAfter: Int?
            let waited = try await app.client.execute(
                uri: "/api/v1/attempts/\(attempt)/feedback", method: .post, headers: [.authorization: "Bearer \(token)"]
            ) { response in
                retryAfter = response.headers[.retryAfter].flatMap(Int.init)
                return (response.status, try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            }
            #expect(waited.0 == .conflict)
            #expect(PracticeLoopTests.code(waited.1 ?? [:]) == "feedback_in_progress")
            #expect(retryAfter == 5)
            #expect(model.callCount == 0)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM attempt_feedback") == 0)

            // Once the claim has expired, the next request takes it over and writes the feedback.
            app.clock.advance(days: 1.0 / 24)
            let written = try await app.call(.post, "/api/v1/attempts/\(attempt)/feedback", token: token)
            #expect(written.status == .created)
            #expect(model.callCount == 1)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM feedback_claims") == 0)
        }
    }

    @Test("a place taken for a model that then failed is given back", arguments: TestDatabaseKind.allCases)
    func failedModelReturnsItsPlace(kind: TestDatabaseKind) async throws {
        let model = FailingOnceModel()
        try await PracticeHarness.run(kind, feedbackProviders: [model], feedbackLimits: FeedbackLimits(freeDaily: 1)) { app in
            let token = try await app.token("siti@example.com")
            let (first, _) = try await FeedbackTests.answered(app, token, section: .pu)
            let fallback = try await app.call(.post, "/api/v1/attempts/\(first)/feedback", token: token)
            #expect(fallback.json["model_used"] as? String == "template")
            #expect(fallback.json["note"] == nil, "the allowance was not the reason")
            // The only place of the day is free again: the next answer gets a model.
            let (second, _) = try await FeedbackTests.answered(app, token, section: .pk)
            let written = try await app.call(.post, "/api/v1/attempts/\(second)/feedback", token: token)
            #expect(written.json["model_used"] as? String == "gpt-4o-mini")
            let (third, _) = try await FeedbackTests.answered(app, token, section: .pbm)
            let limited = try await app.call(.post, "/api/v1/attempts/\(third)/feedback", token: token)
            #expect(limited.json["model_used"] as? String == "template")
            #expect((limited.json["note"] as? String)?.contains("Jatah 1") == true)
            #expect(model.calls == 2)
        }
    }
}

/// Refuses its first call (a revoked key, not retried), then answers.
final class FailingOnceModel: FeedbackProvider, Sendable {
    let name = "flaky"
    private let count = Mutex(0)
    var calls: Int { count.withLock { $0 } }

    func generate(_ prompt: Prompt) async throws(ProviderError) -> FeedbackReply {
        let call = count.withLock { $0 += 1; return $0 }
        if call == 1 { throw .fatal(.unauthorized(status: 401)) }
        return FeedbackReply(
            text: "Umpan balik dari model.", model: "gpt-4o-mini", provider: name, inputTokens: 100, outputTokens: 50,
            latency: .milliseconds(5))
    }
}
