import Foundation
import GentaCore
import GentaTestSupport
import HTTPTypes
import Testing

/// Text is checked as the database counts it, so PostgreSQL and SQLite answer alike: before,
/// these inputs passed a character count, then PostgreSQL refused them with a 500.
@Suite("Text input as the database counts it")
struct TextInputTests {
    static let thumbs = String(repeating: "👍🏽", count: 200)

    @Test("full_name too long in code points, or holding NUL, is refused and nothing changes", arguments: TestDatabaseKind.allCases)
    func profileNames(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let token = try await app.token("siti@example.com")
            try await app.call(.patch, "/api/v1/me", token: token, body: #"{"full_name":"Siti"}"#)
            let tooLong = try await app.call(.patch, "/api/v1/me", token: token, body: #"{"full_name":"\#(Self.thumbs)"}"#)
            #expect(tooLong.status == .unprocessableContent)
            #expect((tooLong.json["error"] as? [String: Any])?["code"] as? String == "invalid_full_name")
            for body in [#"{"full_name":"a\u0000b"}"#, #"{"full_name":"a\nb"}"#, #"{"target_ptn":"UI\u001b[31m"}"#] {
                let control = try await app.call(.patch, "/api/v1/me", token: token, body: body)
                #expect(control.status == .badRequest, "\(body)")
                let error = control.json["error"] as? [String: Any]
                #expect(error?["code"] as? String == "control_character")
                #expect((error?["details"] as? [String: String])?["field"] != nil)
            }
            let fits = String(repeating: "👍🏽", count: 127)
            #expect(try await app.call(.patch, "/api/v1/me", token: token, body: #"{"full_name":"\#(fits)"}"#).status == .ok)
            #expect(try await app.call(.get, "/api/v1/me", token: token).json["full_name"] as? String == fits)
        }
    }

    @Test("onboarding with 90 flags as target_ptn is a 422 on both databases", arguments: TestDatabaseKind.allCases)
    func onboardingTarget(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let token = try await app.token("budi@example.com")
            let flags = String(repeating: "🇮🇩", count: 90)
            let body = #"{"target_ptn":"\#(flags)","target_score":700,"exam_date":"2027-05-01","study_hours_per_week":10}"#
            let answer = try await app.call(.post, "/api/v1/users/onboarding", token: token, body: body)
            #expect(answer.status == .unprocessableContent)
            #expect(try await app.call(.get, "/api/v1/me", token: token).json["onboarding_completed"] as? Bool == false)
        }
    }

    @Test("an Idempotency-Key of 60 é and 30 👍🏽 is a 400, and no attempt is written", arguments: TestDatabaseKind.allCases)
    func idempotencyKey(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let token = try await app.token("rani@example.com")
            let session = try await app.startSession(token, section: .pk)
            let question = try #require(try await app.next(token, session: session).json["id"] as? String)
            let key = String(repeating: "\u{e9}", count: 60) + String(repeating: "👍🏽", count: 30)
            let refused = try await app.answer(token, session: session, question: question, answer: "A", key: key)
            #expect(refused.status == .badRequest)
            #expect((refused.json["error"] as? [String: Any])?["code"] as? String == "invalid_idempotency_key")
            #expect(try await app.count("SELECT COUNT(*) AS n FROM attempts") == 0)
            let accepted = try await app.answer(
                token, session: session, question: question, answer: "A", key: String(repeating: "\u{e9}", count: 100))
            #expect(accepted.status == .created, "100 code points fit VARCHAR(100)")
        }
    }
}
