import Foundation
import GentaCore
@testable import GentaServer
import GentaTestSupport
import HTTPTypes
import SQLKit
import Testing

@Suite("Content tools: the two-reviewer review, the queue and students' reports")
struct ReviewTests {
    typealias Tools = ContentToolsTests

    static func review(_ app: PracticeHarness, _ token: String, _ id: String, _ body: String) async throws -> (HTTPResponse.Status, [String: Any]) {
        let answer = try await Tools.call(app, .post, "/api/v1/admin/questions/\(id)/reviews", token: token, body: body)
        return (answer.status, Tools.json(answer.text))
    }

    @Test("two approvals by two people make a question reviewed; the author cannot approve; a second verdict is refused; a change request takes it out",
        arguments: TestDatabaseKind.allCases)
    func reviewCycle(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let author = try await app.token("penulis@example.com", role: .reviewer)
            let first = try await app.token("ana@example.com", role: .reviewer)
            let second = try await app.token("budi@example.com", role: .admin)
            let bank = try await ImportExportTests.newBank(app, author, "Baru")
            let created = Tools.json(try await Tools.call(app, .post, "/api/v1/admin/question-banks/\(bank)/questions", token: author,
                body: Tools.question).text)
            let id = try #require(created["id"] as? String)
            let approve = #"{"review_status": "approved", "reviewed_aspects": "clarity,correctness", "review_notes": "Jelas."}"#

            let (own, ownBody) = try await Self.review(app, author, id, approve)
            #expect(own == .forbidden && (ownBody["error"] as? [String: Any])?["code"] as? String == "own_question")
            let (one, oneBody) = try await Self.review(app, first, id, approve)
            #expect(one == .created && (oneBody["question"] as? [String: Any])?["is_reviewed"] as? Bool == false, "one approval is not enough")
            let (again, againBody) = try await Self.review(app, first, id, approve)
            #expect(again == .conflict && (againBody["error"] as? [String: Any])?["code"] as? String == "already_reviewed")
            let (two, twoBody) = try await Self.review(app, second, id, #"{"review_status": "approved", "reviewed_aspects": ["key"]}"#)
            #expect(two == .created && (twoBody["question"] as? [String: Any])?["is_reviewed"] as? Bool == true)

            let queue = Tools.json(try await Tools.call(app, .get, "/api/v1/admin/review-queue?state=reviewed&q=berapakah%20x&section=PK",
                token: first).text)
            let listed = try #require(queue["questions"] as? [[String: Any]])
            #expect(listed.count == 1 && listed.first?["approvals"] as? Int == 2 && listed.first?["review_count"] as? Int == 2)

            // An edit is a new revision: back to awaiting review; the earlier approvals do not count.
            let edited = Tools.question.replacingOccurrences(of: "x = 10 / 2 = 5.", with: "Bagi kedua ruas dengan 2: x = 5.")
            _ = try await Tools.call(app, .put, "/api/v1/admin/questions/\(id)", token: author, body: edited)
            let awaiting = Tools.json(try await Tools.call(app, .get, "/api/v1/admin/review-queue?state=awaiting&author=\(try #require(created["created_by"] as? String))",
                token: first).text)
            #expect((awaiting["questions"] as? [[String: Any]])?.first?["approvals"] as? Int == 0)
            let (_, approvedAgain) = try await Self.review(app, first, id, approve)
            #expect((approvedAgain["question"] as? [String: Any])?["is_reviewed"] as? Bool == false)
            let (change, changeBody) = try await Self.review(app, second, id,
                #"{"review_status": "needs_revision", "revision_type": "wording", "review_notes": "Kalimat kedua rancu."}"#)
            #expect(change == .created && (changeBody["question"] as? [String: Any])?["is_reviewed"] as? Bool == false)
            let needs = Tools.json(try await Tools.call(app, .get, "/api/v1/admin/review-queue?state=needs_revision", token: first).text)
            #expect((needs["questions"] as? [[String: Any]])?.count == 1)

            let history = Tools.json(try await Tools.call(app, .get, "/api/v1/admin/questions/\(id)/reviews", token: first).text)
            #expect((history["reviews"] as? [[String: Any]])?.count == 4)
            let (bad, _) = try await Self.review(app, first, id, #"{"review_status": "maybe"}"#)
            #expect(bad == .unprocessableContent)
            let (unknownAspect, _) = try await Self.review(app, first, id, #"{"review_status": "rejected", "reviewed_aspects": "colour"}"#)
            #expect(unknownAspect == .unprocessableContent)
        }
    }

    @Test("students report problems after answering only; three reports of a wrong key take the question out; an approval answers them",
        arguments: TestDatabaseKind.allCases)
    func reports(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            var questionID = ""
            for number in 1...3 {
                let student = try await app.token("murid\(number)@example.com")
                let session = try await app.startSession(student, section: .pu)
                // The same prior and the harness's fixed seed serve every new student the same first question.
                let (_, served) = try await app.next(student, session: session)
                let servedID = try #require(served["id"] as? String)
                if questionID.isEmpty {
                    questionID = servedID
                    let early = try await Tools.call(app, .post, "/api/v1/questions/\(questionID)/reports", token: student,
                        body: #"{"kind": "wrong_key"}"#)
                    #expect(early.status == .conflict && early.text.contains("answer_first"))
                }
                #expect(servedID == questionID)
                _ = try await app.call(.post, "/api/v1/attempts", token: student, body: """
                    {"question_id": "\(questionID)", "session_id": "\(session)", "selected_answer": "A", "time_spent_seconds": 20}
                    """, headers: [.init("Idempotency-Key")!: UUID().uuidString])
                let filed = try await Tools.call(app, .post, "/api/v1/questions/\(questionID)/reports", token: student,
                    body: #"{"kind": "wrong_key", "note": "Menurut saya jawabannya C."}"#)
                #expect(filed.status == .created, "\(filed.text)")
                let twice = try await Tools.call(app, .post, "/api/v1/questions/\(questionID)/reports", token: student, body: #"{"kind": "wrong_key"}"#)
                #expect(twice.status == .ok, "the same open report")
            }
            let reviewer = try await app.token("ana@example.com", role: .reviewer)
            let reported = Tools.json(try await Tools.call(app, .get, "/api/v1/admin/review-queue?state=reported", token: reviewer).text)
            let entry = try #require((reported["questions"] as? [[String: Any]])?.first)
            #expect(entry["open_reports"] as? Int == 3 && (entry["question"] as? [String: Any])?["is_ambiguous"] as? Bool == true, "out of practice")
            let (_, approved) = try await ReviewTests.review(app, reviewer, questionID, #"{"review_status": "approved", "reviewed_aspects": "key"}"#)
            #expect((approved["question"] as? [String: Any])?["is_ambiguous"] as? Bool == false)
            let after = Tools.json(try await Tools.call(app, .get, "/api/v1/admin/review-queue?state=reported", token: reviewer).text)
            #expect((after["questions"] as? [[String: Any]])?.isEmpty == true)
            let bad = try await Tools.call(app, .post, "/api/v1/questions/\(questionID)/reports", token: reviewer, body: #"{"kind": "boring"}"#)
            #expect(bad.status == .unprocessableContent)
        }
    }
}
