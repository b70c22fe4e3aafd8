import Foundation
import GentaCore
@testable import GentaServer
import GentaStore
import GentaTestSupport
import HTTPTypes
import Testing

/// A question taken out of service while a tryout that uses it is open leaves that tryout: no
/// longer shown, scored for no one (finished sittings are rescored); a closed tryout keeps it.
@Suite("Tryout forms: withdrawing questions that leave service")
struct TryoutWithdrawalTests {
    @Test("a review asking for a change withdraws the question from open tryouts and rescores their sittings; closed ones keep it",
        arguments: TestDatabaseKind.allCases)
    func withdrawn(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind, tryouts: TryoutTests.settings) { app in
            let driver = TryoutDriver(app: app)
            let event = try await driver.createEvent()
            let items = try await driver.items()
            let first = try await app.token("pertama@genta.test")
            let (sitting, questions) = try await driver.startSitting(first, event: event)
            for question in questions {
                _ = try await driver.save(first, sitting: sitting, question: question, fields: TryoutDriver.answerFields(items[question]!, correct: true))
            }
            #expect(try await driver.runOutTheClock() == 1)
            func pu(_ sitting: String, _ token: String) async throws -> [String: Any] {
                let result = try await app.call(.get, "/api/v1/tryout-sittings/\(sitting)", token: token).json["result"] as? [String: Any]
                return try #require((result?["subtests"] as? [[String: Any]])?.first { $0["section"] as? String == "PU" })
            }
            let before = try await pu(sitting, first)
            #expect(before["correct_count"] as? Int == questions.count)
            let blanks = try #require(before["blank_count"] as? Int, "PU's second part was left blank")

            let reviewer = try await app.token("penelaah@genta.id", role: .reviewer)
            let review = try await app.call(.post, "/api/v1/admin/questions/\(questions[0])/reviews", token: reviewer,
                body: #"{"review_status": "needs_revision", "review_notes": "Pilihan C dan D sama", "revision_type": "options"}"#)
            #expect(review.status == .created, "\(review.json)")
            let after = try await pu(sitting, first)
            #expect(after["correct_count"] as? Int == questions.count - 1 && after["blank_count"] as? Int == blanks,
                "scored without the withdrawn question, not as a blank: \(after)")
            let reviewed = try #require(try await app.call(.get, "/api/v1/tryout-sittings/\(sitting)/review", token: first).json["items"] as? [[String: Any]])
            #expect(!reviewed.contains { ($0["question"] as? [String: Any])?["id"] as? String == questions[0] || $0["id"] as? String == questions[0] })
            #expect(reviewed.count == TryoutDriver.shortExam.totalQuestions - 1)

            let second = try await app.token("kedua@genta.test")
            let (later, shown) = try await driver.startSitting(second, event: event)
            #expect(shown == Array(questions.dropFirst()), "a new sitter does not see it")
            let refused = try await driver.save(second, sitting: later, question: questions[0], fields: TryoutDriver.answerFields(items[questions[0]]!, correct: true))
            #expect(refused.status == .notFound && (refused.json["error"] as? [String: Any])?["code"] as? String == "question_not_in_tryout")

            // Once the event has closed, its results are history.
            app.clock.advance(days: 8)
            _ = try await driver.runOutTheClock()
            #expect(try await app.call(.post, "/api/v1/admin/questions/\(questions[1])/reviews", token: reviewer,
                body: #"{"review_status": "rejected", "review_notes": "Soal ganda"}"#).status == .created)
            #expect(try await pu(sitting, first)["correct_count"] as? Int == questions.count - 1)
        }
    }
}
