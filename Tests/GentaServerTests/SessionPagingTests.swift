import Foundation
import GentaCore
import GentaTestSupport
import HTTPTypes
import SQLKit
import Testing

@Suite("Paging sessions and their answers")
struct SessionPagingTests {
    @Test("the session list pages by cursor: every session once, newest first, ties by id", arguments: TestDatabaseKind.allCases)
    func listByCursor(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { (app: PracticeHarness) async throws in
            let token = try await app.token("siti@example.com")
            var created: [String] = []
            for _ in 0..<4 { created.append(try await app.startSession(token)) }
            // Three more started at the very same instant: the id decides their order.
            let userID = try #require(try await app.call(.get, "/api/v1/me", token: token).json["id"] as? String)
            let instant = app.clock.now.addingTimeInterval(60)
            let tied = (0..<3).map { _ in UUID().uuidString.lowercased() }
            try await app.database.withConnection { db in
                for id in tied {
                    try await db.raw("""
                        INSERT INTO user_study_sessions (id, user_id, started_at, created_at, updated_at)
                        VALUES (\(bind: id), \(bind: UUID(uuidString: userID)!), \(bind: instant), \(bind: instant), \(bind: instant))
                        """).run()
                }
            }
            let expected = tied.sorted(by: >) + created.reversed()

            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let query = cursor.map { "&cursor=\($0)" } ?? ""
                let page = try await app.call(.get, "/api/v1/sessions?limit=3\(query)", token: token)
                #expect(page.status == .ok)
                seen += (page.json["sessions"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                cursor = page.json["next_cursor"] as? String
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(seen == expected)

            // The old offset paging still answers, and agrees.
            let offsetPage = try await app.call(.get, "/api/v1/sessions?limit=3&offset=3", token: token)
            #expect((offsetPage.json["sessions"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == Array(expected[3..<6]))
        }
    }

    @Test("a malformed cursor is a 400, one that is not of this list a 404", arguments: TestDatabaseKind.allCases)
    func badCursors(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { (app: PracticeHarness) async throws in
            let siti = try await app.token("siti@example.com")
            let budi = try await app.token("budi@example.com")
            let mine = try await app.startSession(siti)
            let theirs = try await app.startSession(budi)
            // Malformed is 400; well-formed but naming nothing of this list is 404, like any id not yours.
            let cases: [(String, HTTPResponse.Status, String)] = [
                ("/api/v1/sessions?cursor=\(theirs)", .notFound, "cursor_not_found"),
                ("/api/v1/sessions?cursor=\(UUID().uuidString)", .notFound, "cursor_not_found"),
                ("/api/v1/sessions?cursor=yesterday", .badRequest, "invalid_cursor"),
                ("/api/v1/sessions/\(mine)?cursor=\(UUID().uuidString)", .notFound, "cursor_not_found"),
                ("/api/v1/sessions/\(mine)?cursor=nope", .badRequest, "invalid_cursor"),
                ("/api/v1/sessions/\(mine)?limit=501", .badRequest, "invalid_parameter"),
                ("/api/v1/sessions/\(mine)?limit=0", .badRequest, "invalid_parameter"),
            ]
            for (path, status, code) in cases {
                let response = try await app.call(.get, path, token: siti)
                #expect(response.status == status, "\(path)")
                #expect(PracticeLoopTests.code(response.json) == code, "\(path)")
            }
            // An answer from another session of one's own is no cursor for this one either.
            let other = try await app.startSession(siti, section: .pu)
            let question = try #require(try await app.next(siti, session: other).json["id"] as? String)
            let answer = try await app.answer(siti, session: other, question: question, answer: "A")
            let attempt = try #require(answer.json["id"] as? String)
            let foreign = try await app.call(.get, "/api/v1/sessions/\(mine)?cursor=\(attempt)", token: siti)
            #expect(PracticeLoopTests.code(foreign.json) == "cursor_not_found")
        }
    }

    @Test("the breakdown pages by attempt number; totals cover the whole session on every page", arguments: TestDatabaseKind.allCases)
    func breakdownPages(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { (app: PracticeHarness) async throws in
            let token = try await app.token("siti@example.com")
            let session = try await app.startSession(token, section: .pk)
            var correct = 0
            for index in 0..<5 {
                let question = try #require(try await app.next(token, session: session).json["id"] as? String)
                let right = try await app.key(of: question).answer
                var letter = right
                if !index.isMultiple(of: 2) { letter = try await app.wrongAnswer(for: question) }
                if letter == right { correct += 1 }
                let answered = try await app.answer(token, session: session, question: question, answer: letter, seconds: 10 * (index + 1))
                #expect(answered.status == .created)
            }

            var numbers: [Int] = []
            var cursor: String?
            var pages = 0
            repeat {
                let query = cursor.map { "&cursor=\($0)" } ?? ""
                let page = try await app.call(.get, "/api/v1/sessions/\(session)?limit=2\(query)", token: token)
                #expect(page.status == .ok)
                #expect(page.json["total_questions"] as? Int == 5)
                #expect(page.json["correct_count"] as? Int == correct)
                #expect(page.json["avg_time_seconds"] as? Double == 30)
                #expect(page.json["min_time_seconds"] as? Int == 10)
                #expect(page.json["max_time_seconds"] as? Int == 50)
                numbers += (page.json["question_breakdown"] as? [[String: Any]] ?? []).compactMap { $0["attempt_number_in_session"] as? Int }
                cursor = page.json["next_cursor"] as? String
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(numbers == [1, 2, 3, 4, 5])

            let whole = try await app.call(.get, "/api/v1/sessions/\(session)", token: token)
            #expect((whole.json["question_breakdown"] as? [[String: Any]])?.count == 5)
            #expect(whole.json["next_cursor"] == nil, "one page holds the whole session by default")
        }
    }
}
