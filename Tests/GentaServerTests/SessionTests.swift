import Foundation
import GentaCore
import GentaTestSupport
import Testing

@Suite("Study sessions")
struct SessionTests {
    @Test("start, list newest first with paging, statistics, end once", arguments: TestDatabaseKind.allCases)
    func lifecycle(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let token = try await app.token("siti@example.com")
            let created = try await app.call(.post, "/api/v1/sessions", token: token, body: #"{"section":"PK"}"#)
            #expect(created.status == .created)
            #expect(created.json["section"] as? String == "PK")
            #expect(created.json["questions_attempted"] as? Int == 0)
            let first = try #require(created.json["id"] as? String)
            let mixed = try await app.call(.post, "/api/v1/sessions", token: token)
            #expect(mixed.status == .created)
            #expect(mixed.json["section"] == nil)
            let second = try #require(mixed.json["id"] as? String)

            let question = try #require(try await app.next(token, session: first).json["id"] as? String)
            let key = try await app.key(of: question).answer
            _ = try await app.answer(token, session: first, question: question, answer: key, seconds: 42)

            let page = try await app.call(.get, "/api/v1/sessions?limit=1", token: token)
            #expect((page.json["sessions"] as? [[String: Any]])?.map { $0["id"] as? String } == [second])
            let next = try await app.call(.get, "/api/v1/sessions?limit=1&offset=1", token: token)
            #expect((next.json["sessions"] as? [[String: Any]])?.first?["id"] as? String == first)

            let stats = try await app.call(.get, "/api/v1/sessions/\(first)", token: token)
            #expect(stats.status == .ok)
            #expect(stats.json["total_questions"] as? Int == 1)
            #expect(stats.json["correct_count"] as? Int == 1)
            #expect(stats.json["accuracy_percentage"] as? Double == 100)
            #expect(stats.json["avg_time_seconds"] as? Double == 42)
            let breakdown = try #require(stats.json["question_breakdown"] as? [[String: Any]])
            #expect(breakdown.first?["correct_answer"] as? String == key, "answered, so the key may be shown")

            let ended = try await app.call(.post, "/api/v1/sessions/\(first)/end", token: token)
            #expect(ended.status == .ok)
            #expect(ended.json["ended_at"] != nil)
            let again = try await app.call(.post, "/api/v1/sessions/\(first)/end", token: token)
            #expect(again.status == .conflict)
            #expect(PracticeLoopTests.code(again.json) == "session_ended")
        }
    }

    @Test("bad session input gets a specific 4xx")
    func badInput() async throws {
        try await PracticeHarness.run(.sqlite) { app in
            let token = try await app.token("siti@example.com")
            let cases: [(String, String, String?, Int, String)] = [
                ("POST", "/api/v1/sessions", #"{"section":"MATH"}"#, 400, "invalid_section"),
                ("POST", "/api/v1/sessions", #"{"section":5}"#, 400, "invalid_field"),
                ("GET", "/api/v1/sessions/not-a-session", nil, 400, "invalid_id"),
                ("GET", "/api/v1/sessions/\(UUID().uuidString.lowercased())", nil, 404, "session_not_found"),
                ("GET", "/api/v1/sessions?limit=500", nil, 400, "invalid_parameter"),
                ("GET", "/api/v1/sessions?offset=-1", nil, 400, "invalid_parameter"),
                ("PATCH", "/api/v1/me", "{}", 400, "nothing_to_change"),
            ]
            for (method, path, body, status, code) in cases {
                let response = try await app.call(method == "POST" ? .post : method == "PATCH" ? .patch : .get, path, token: token, body: body)
                #expect(response.status.code == status, "\(method) \(path)")
                #expect(PracticeLoopTests.code(response.json) == code, "\(method) \(path)")
            }
            #expect(try await app.count("SELECT COUNT(*) AS n FROM user_study_sessions") == 0)
        }
    }
}
