import Foundation
import GentaCore
import GentaTestSupport
import SQLKit
import Testing

@Suite("Readiness and the mistake book")
struct ReadinessAndHistoryTests {
    @Test("readiness reports every section, moves with answers, and forecasts from a real trend", arguments: TestDatabaseKind.allCases)
    func readiness(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let token = try await app.token("siti@example.com")
            let start = try await app.call(.get, "/api/v1/readiness", token: token)
            #expect(start.status == .ok)
            let sections = try #require(start.json["sections"] as? [[String: Any]])
            #expect(sections.map { $0["section"] as? String } == Section.allCases.map(\.rawValue))
            #expect(sections.allSatisfy { $0["ready_by_status"] as? String == "no_target" })

            _ = try await app.call(.post, "/api/v1/users/onboarding", token: token,
                body: #"{"target_ptn":"UI","target_score":600,"exam_date":"2027-05-01","study_hours_per_week":10}"#)
            // Ten days of practice, answering everything right: θ climbs day after day.
            for _ in 0..<10 {
                let session = try await app.startSession(token, section: .pu)
                for _ in 0..<2 {
                    let question = try #require(try await app.next(token, session: session).json["id"] as? String)
                    let key = try await app.key(of: question)
                    _ = try await app.answer(token, session: session, question: question, answer: key.answer)
                }
                app.clock.advance(days: 1)
            }
            let after = try await app.call(.get, "/api/v1/readiness", token: token)
            let pu = try #require((after.json["sections"] as? [[String: Any]])?.first)
            #expect((pu["theta"] as? Double ?? 0) > 0.5)
            #expect(pu["total_attempts_count"] as? Int == 20)
            #expect(pu["recent_attempts_count"] as? Int == 10)
            #expect(pu["recent_accuracy"] as? Double == 1)
            #expect((pu["readiness_percentage"] as? Double ?? 0) > 6.681, "better than the prior's chance")
            let low = try #require(pu["predicted_score_low"] as? Int)
            let high = try #require(pu["predicted_score_high"] as? Int)
            #expect(low < high)
            let status = try #require(pu["ready_by_status"] as? String)
            #expect(["forecast", "already_ready"].contains(status))
            if status == "forecast" { #expect(pu["ready_by_date"] as? String != nil) }
            #expect((pu["improvement_per_week"] as? Double ?? 0) > 0)
            let pk = try #require((after.json["sections"] as? [[String: Any]])?[1])
            #expect(pk["ready_by_status"] as? String == "not_enough_data")
        }
    }

    @Test("history lists own answers newest first, filters mistakes and pages with a cursor", arguments: TestDatabaseKind.allCases)
    func history(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let token = try await app.token("siti@example.com")
            let session = try await app.startSession(token, section: .pbm)
            var wrong: [String] = []
            for round in 0..<5 {
                let question = try #require(try await app.next(token, session: session).json["id"] as? String)
                let answer: String
                if round.isMultiple(of: 2) {
                    answer = try await app.wrongAnswer(for: question)
                    wrong.append(question)
                } else {
                    answer = try await app.key(of: question).answer
                }
                _ = try await app.answer(token, session: session, question: question, answer: answer)
            }
            let mistakes = try await app.call(.get, "/api/v1/attempts?is_correct=false&section=PBM", token: token)
            let entries = try #require(mistakes.json["attempts"] as? [[String: Any]])
            let listed = entries.compactMap { $0["question_id"] as? String }
            #expect(listed == Array(wrong.reversed()))
            #expect(entries.allSatisfy { $0["correct_answer"] != nil && $0["question_text"] != nil })

            var seen: [String] = []
            var cursor: String?
            repeat {
                let path = "/api/v1/attempts?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await app.call(.get, path, token: token)
                seen += (page.json["attempts"] as? [[String: Any]] ?? []).compactMap { $0["attempt_id"] as? String }
                cursor = page.json["next_cursor"] as? String
            } while cursor != nil
            #expect(seen.count == 5 && Set(seen).count == 5)

            let bad = try await app.call(.get, "/api/v1/attempts?cursor=%%%", token: token)
            #expect(bad.status == .badRequest)
            let unknown = try await app.call(.get, "/api/v1/attempts?cursor=\(UUID().uuidString.lowercased())", token: token)
            #expect(unknown.status == .notFound)
            #expect(PracticeLoopTests.code(unknown.json) == "cursor_not_found")
            #expect(try await app.call(.get, "/api/v1/attempts?limit=0", token: token).status == .badRequest)
            #expect(try await app.call(.get, "/api/v1/attempts?section=ZZ", token: token).status == .badRequest)
        }
    }
}
