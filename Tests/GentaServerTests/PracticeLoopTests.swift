import Foundation
import GentaCore
import GentaTestSupport
import HTTPTypes
import SQLKit
import Testing

@Suite("Practice: next question and answers")
struct PracticeLoopTests {
    static let questionFields: Set<String> = [
        "id", "session_id", "section", "sub_type", "format", "passage", "text", "options", "labels", "statements",
        "served_at", "remaining_today",
    ]

    @Test("a served question never carries the key, and refreshing serves the same one", arguments: TestDatabaseKind.allCases)
    func servedQuestion(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let token = try await app.token("siti@example.com")
            let session = try await app.startSession(token, section: .pu)
            let first = try await app.next(token, session: session)
            #expect(first.status == .ok)
            #expect(Set(first.json.keys).isSubset(of: Self.questionFields), "unexpected fields \(first.json.keys)")
            #expect(first.json["section"] as? String == "PU")
            #expect((first.json["options"] as? [String: String])?.keys.sorted() == ["A", "B", "C", "D", "E"])
            #expect(first.json["remaining_today"] as? Int == 29)
            let again = try await app.next(token, session: session)
            #expect(again.json["id"] as? String == first.json["id"] as? String)
            #expect(again.json["remaining_today"] as? Int == 29, "a re-serve costs nothing and still says so")
            #expect(try await app.count("SELECT COUNT(*) AS n FROM served_questions") == 1)
        }
    }

    @Test("θ rises after right answers on hard items and falls after wrong answers on easy ones", arguments: TestDatabaseKind.allCases)
    func thetaDirection(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let token = try await app.token("siti@example.com")
            let session = try await app.startSession(token, section: .pk)
            var previous = 0.0
            var sawHardRight = false, sawEasyWrong = false
            for round in 0..<16 {
                let question = try #require(try await app.next(token, session: session).json["id"] as? String)
                let key = try await app.key(of: question)
                // Right on the first eight, wrong on the rest.
                let answer = round < 8 ? key.answer : try await app.wrongAnswer(for: question)
                let result = try await app.answer(token, session: session, question: question, answer: answer)
                #expect(result.status == .created)
                let before = try #require(result.json["theta_before"] as? Double)
                let after = try #require(result.json["theta_after"] as? Double)
                #expect(before == previous, "θ chain: round \(round)")
                #expect(result.json["correct_answer"] as? String == key.answer)
                #expect(result.json["explanation"] as? String != nil)
                if round < 8 {
                    #expect(after > before, "right answer raises θ")
                    if key.difficulty > before { sawHardRight = true }
                } else {
                    #expect(after < before, "wrong answer lowers θ")
                    if key.difficulty < before { sawEasyWrong = true }
                }
                previous = after
            }
            #expect(sawHardRight && sawEasyWrong)
        }
    }

    @Test("a retried answer returns the same body and writes nothing", arguments: TestDatabaseKind.allCases)
    func idempotentRetry(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let token = try await app.token("siti@example.com")
            let session = try await app.startSession(token, section: .pbm)
            let question = try #require(try await app.next(token, session: session).json["id"] as? String)
            let first = try await app.answer(token, session: session, question: question, answer: "B", key: "retry-1")
            let second = try await app.answer(token, session: session, question: question, answer: "B", key: "retry-1")
            #expect(first.status == .created && second.status == .created)
            #expect(NSDictionary(dictionary: first.json) == NSDictionary(dictionary: second.json))
            #expect(try await app.count("SELECT COUNT(*) AS n FROM attempts") == 1)
            #expect(try await app.count("SELECT questions_attempted AS n FROM user_study_sessions") == 1)

            let reused = try await app.answer(token, session: session, question: question, answer: "C", key: "retry-1")
            #expect(reused.status == .unprocessableContent)
            #expect(Self.code(reused.json) == "idempotency_key_reused")
            let twice = try await app.answer(token, session: session, question: question, answer: "C", key: "retry-2")
            #expect(twice.status == .conflict)
            #expect(Self.code(twice.json) == "already_answered")
            #expect(try await app.count("SELECT COUNT(*) AS n FROM attempts") == 1)
        }
    }

    @Test("bad answers get a specific 4xx and write nothing", arguments: TestDatabaseKind.allCases)
    func badAnswers(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let token = try await app.token("siti@example.com")
            let session = try await app.startSession(token, section: .pu)
            let question = try #require(try await app.next(token, session: session).json["id"] as? String)
            let unserved = try await app.database.withConnection { db in
                try await db.raw("SELECT id FROM questions WHERE id <> \(bind: UUID(uuidString: question)!) LIMIT 1").first()!
                    .decode(column: "id", as: UUID.self).uuidString.lowercased()
            }
            let cases: [(String, String, String, Int, Int, String)] = [
                (question, session, "F", 30, 400, "invalid_selected_answer"),
                (question, session, "xyz", 30, 400, "invalid_selected_answer"),
                (question, session, "B", -5, 400, "invalid_time_spent"),
                (question, session, "B", 99_999, 400, "invalid_time_spent"),
                ("not-a-uuid", session, "B", 30, 400, "invalid_id"),
                (question, "bogus", "B", 30, 400, "invalid_id"),
                (question, UUID().uuidString.lowercased(), "B", 30, 404, "session_not_found"),
                (unserved, session, "B", 30, 409, "question_not_served"),
            ]
            for (q, s, answer, seconds, status, code) in cases {
                let response = try await app.answer(token, session: s, question: q, answer: answer, seconds: seconds)
                #expect(response.status.code == status, "\(code)")
                #expect(Self.code(response.json) == code)
            }
            let noKey = try await app.call(.post, "/api/v1/attempts", token: token,
                body: #"{"question_id":"\#(question)","session_id":"\#(session)","selected_answer":"A","time_spent_seconds":3}"#)
            #expect(noKey.status == .badRequest)
            #expect(Self.code(noKey.json) == "idempotency_key_required")
            let notJSON = try await app.call(.post, "/api/v1/attempts", token: token, body: "selected_answer=A",
                headers: [HTTPField.Name("Idempotency-Key")!: "k"])
            #expect(notJSON.status == .badRequest)
            #expect(Self.code(notJSON.json) == "invalid_json")

            // A question withdrawn after it was served cannot be answered.
            try await app.database.withConnection { db in
                try await db.raw("UPDATE questions SET deleted_at = \(bind: TestDatabase.referenceNow) WHERE id = \(bind: UUID(uuidString: question)!)").run()
            }
            let withdrawn = try await app.answer(token, session: session, question: question, answer: "A")
            #expect(withdrawn.status == .notFound)
            #expect(Self.code(withdrawn.json) == "question_not_found")
            // An ended session takes no answers and serves no questions.
            #expect(try await app.call(.post, "/api/v1/sessions/\(session)/end", token: token).status == .ok)
            #expect(try await app.next(token, session: session).status == .conflict)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM attempts") == 0)
        }
    }

    @Test("next refuses a bad section, a missing one and a mismatch", arguments: TestDatabaseKind.allCases)
    func badNext(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let token = try await app.token("siti@example.com")
            let mixed = try await app.startSession(token)
            let fixed = try await app.startSession(token, section: .pk)
            let cases: [(String, Int, String)] = [
                ("/api/v1/practice/next?session_id=\(mixed)&section=XX", 400, "invalid_section"),
                ("/api/v1/practice/next?session_id=\(mixed)", 409, "section_required"),
                ("/api/v1/practice/next?session_id=\(fixed)&section=PU", 409, "section_mismatch"),
                ("/api/v1/practice/next?section=PU", 400, "missing_field"),
            ]
            for (path, status, code) in cases {
                let response = try await app.call(.get, path, token: token)
                #expect(response.status.code == status, "\(path)")
                #expect(Self.code(response.json) == code)
            }
            #expect(try await app.next(token, session: mixed, section: .pbm).status == .ok)
        }
    }

    @Test("free users get a daily quota that resets at midnight WIB; premium is unlimited", arguments: TestDatabaseKind.allCases)
    func quota(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind, freeDailyQuestions: 3) { app in
            let token = try await app.token("siti@example.com")
            let session = try await app.startSession(token, section: .pu)
            for _ in 0..<3 {
                let question = try #require(try await app.next(token, session: session).json["id"] as? String)
                #expect(try await app.answer(token, session: session, question: question, answer: "A").status == .created)
            }
            let refused = try await app.next(token, session: session)
            #expect(refused.status == .tooManyRequests)
            let error = try #require(refused.json["error"] as? [String: Any])
            #expect(error["code"] as? String == "daily_limit_reached")
            #expect((error["message"] as? String)?.contains("midnight WIB") == true)
            // 30 Nov 2026 09:00 WIB → resets 1 Dec 00:00 WIB = 30 Nov 17:00 UTC.
            #expect((error["details"] as? [String: String])?["resets_at"] == "2026-11-30T17:00:00Z")
            let retryAfter = try await app.client.execute(
                uri: "/api/v1/practice/next?session_id=\(session)", method: .get, headers: [.authorization: "Bearer \(token)"]
            ) { $0.headers[.retryAfter].flatMap(Int.init) }
            #expect(retryAfter.map { (53_000...54_000).contains($0) } == true, "15 hours from 09:00 WIB to midnight WIB")

            app.clock.advance(days: 1)
            #expect(try await app.next(token, session: session).status == .ok)

            try await app.database.withConnection { db in
                // Paid time is read from its end date; the stored tier flag alone grants nothing.
                try await db.raw("UPDATE users SET subscription_end_date = \(bind: app.clock.now.addingTimeInterval(86_400))").run()
            }
            let premium = try await app.token("siti@example.com")
            for _ in 0..<4 {
                let served = try await app.next(premium, session: session)
                #expect(served.status == .ok)
                #expect(served.json["remaining_today"] == nil)
                let question = try #require(served.json["id"] as? String)
                _ = try await app.answer(premium, session: session, question: question, answer: "A")
            }
        }
    }

    static func code(_ json: [String: Any]) -> String? {
        (json["error"] as? [String: Any])?["code"] as? String
    }
}
