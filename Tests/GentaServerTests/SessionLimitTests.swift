import Foundation
import GentaCore
import GentaTestSupport
import SQLKit
import Testing

@Suite("A session's answer cap")
struct SessionLimitTests {
    @Test("a full session refuses the next answer with nothing written, and next says so first", arguments: TestDatabaseKind.allCases)
    func full(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind, maximumAnswersPerSession: 2) { (app: PracticeHarness) async throws in
            let token = try await app.token("siti@example.com")
            let session = try await app.startSession(token)
            // Two questions handed out before the session fills up: the second cannot be answered.
            let first = try #require(try await app.next(token, session: session, section: .pu).json["id"] as? String)
            let firstKey = UUID().uuidString
            #expect(try await app.answer(token, session: session, question: first, answer: "A", key: firstKey).status == .created)
            let second = try #require(try await app.next(token, session: session, section: .pu).json["id"] as? String)
            let third = try #require(try await app.next(token, session: session, section: .pk).json["id"] as? String)
            let secondKey = UUID().uuidString
            let filling = try await app.answer(token, session: session, question: second, answer: "B", key: secondKey)
            #expect(filling.status == .created)
            #expect(filling.json["attempt_number_in_session"] as? Int == 2)

            let before = try await Self.snapshot(app)
            let refused = try await app.answer(token, session: session, question: third, answer: "C")
            #expect(refused.status == .conflict)
            #expect(PracticeLoopTests.code(refused.json) == "session_full")
            let message = try #require((refused.json["error"] as? [String: Any])?["message"] as? String)
            #expect(message.contains("start a new session"))
            #expect(try await Self.snapshot(app) == before, "nothing written: attempts, serves, readiness, session, θ")

            let next = try await app.next(token, session: session, section: .pu)
            #expect(next.status == .conflict)
            #expect(PracticeLoopTests.code(next.json) == "session_full")
            #expect(try await Self.snapshot(app) == before, "no question handed out either")

            // A retried answer from before the cap still returns its stored result.
            let retried = try await app.answer(token, session: session, question: second, answer: "B", key: secondKey)
            #expect(retried.status == .created)
            #expect(retried.json["id"] as? String == filling.json["id"] as? String)

            // The way out the message names: end it, start another.
            #expect(try await app.call(.post, "/api/v1/sessions/\(session)/end", token: token).status == .ok)
            let fresh = try await app.startSession(token)
            #expect(try await app.next(token, session: fresh, section: .pu).status == .ok)
        }
    }

    @Test("the default cap fits attempt_number_in_session (SMALLINT)")
    func defaultFitsTheColumn() {
        #expect(PracticeSettings.defaultMaximumAnswersPerSession == 1_000)
        #expect(PracticeSettings().maximumAnswersPerSession <= Int(Int16.max))
        #expect(PracticeSettings(maximumAnswersPerSession: 1_000_000).maximumAnswersPerSession == Int(Int16.max))
    }

    /// Every row count and value an answer would change.
    static func snapshot(_ app: PracticeHarness) async throws -> [String] {
        try await app.database.withConnection { db in
            var values: [String] = []
            for (name, query) in [
                ("attempts", "SELECT COUNT(*) AS n FROM attempts"),
                ("served", "SELECT COUNT(*) AS n FROM served_questions"),
                ("open serves", "SELECT COUNT(*) AS n FROM served_questions WHERE attempt_id IS NULL"),
                ("session answers", "SELECT SUM(questions_attempted) AS n FROM user_study_sessions"),
                ("readiness answers", "SELECT SUM(total_attempts_count) AS n FROM user_readiness"),
            ] as [(String, SQLQueryString)] {
                values.append("\(name)=\(try await db.raw(query).first()!.decode(column: "n", as: Int?.self) ?? 0)")
            }
            let theta = try await db.raw("SELECT irt_theta FROM users").first()!.decode(column: "irt_theta", as: Double.self)
            values.append("theta=\(theta)")
            return values
        }
    }
}
