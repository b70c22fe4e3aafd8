import Foundation
import GentaCore
import GentaTestSupport
import HTTPTypes
import Testing

@Suite("Authorization between students")
struct AuthorizationTests {
    @Test("every endpoint answers another student's ids with 404 and never their data", arguments: TestDatabaseKind.allCases)
    func twoStudents(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let ani = try await app.token("ani@example.com")
            let bayu = try await app.token("bayu@example.com")
            let session = try await app.startSession(ani, section: .pu)
            let question = try #require(try await app.next(ani, session: session).json["id"] as? String)
            let attempt = try await app.answer(ani, session: session, question: question, answer: "A", key: "ani-1")
            #expect(attempt.status == .created)

            // Bayu tries Ani's session and question by every route that takes them.
            #expect(try await app.call(.get, "/api/v1/sessions/\(session)", token: bayu).status == .notFound)
            #expect(try await app.call(.post, "/api/v1/sessions/\(session)/end", token: bayu).status == .notFound)
            #expect(try await app.next(bayu, session: session).status == .notFound)
            let answer = try await app.answer(bayu, session: session, question: question, answer: "A", key: "ani-1")
            #expect(answer.status == .notFound, "Ani's idempotency key must not replay Ani's answer to Bayu")

            // Lists contain only one's own rows.
            let sessions = try await app.call(.get, "/api/v1/sessions", token: bayu)
            #expect((sessions.json["sessions"] as? [Any])?.isEmpty == true)
            let history = try await app.call(.get, "/api/v1/attempts", token: bayu)
            #expect((history.json["attempts"] as? [Any])?.isEmpty == true)
            let readiness = try await app.call(.get, "/api/v1/readiness", token: bayu)
            let sections = readiness.json["sections"] as? [[String: Any]] ?? []
            #expect(sections.allSatisfy { $0["total_attempts_count"] as? Int == 0 })
            let me = try await app.call(.get, "/api/v1/me", token: bayu)
            #expect(me.json["email"] as? String == "bayu@example.com")

            // Ani still sees hers, unchanged.
            let mine = try await app.call(.get, "/api/v1/sessions/\(session)", token: ani)
            #expect(mine.status == .ok)
            #expect(mine.json["total_questions"] as? Int == 1)
        }
    }
}
