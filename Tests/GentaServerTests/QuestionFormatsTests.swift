import Foundation
import GentaCore
import GentaTestSupport
import HTTPTypes
import SQLKit
import Testing

/// The two formats beyond multiple choice through the practice API: served without their key,
/// graded by the server, refused when the answer does not fit.
@Suite("Practice in every question format")
struct QuestionFormatsTests {
    /// Leaves only questions of `format` servable in `section`, so adaptive selection must pick one.
    static func only(_ format: QuestionFormat, in section: Section, _ app: PracticeHarness) async throws {
        try await app.database.withConnection { db in
            try await db.raw("""
                UPDATE questions SET is_reviewed = \(bind: false)
                WHERE section = \(bind: section.rawValue) AND format <> \(bind: format.rawValue)
                """).run()
        }
    }

    static func spec(of question: String, _ app: PracticeHarness) async throws -> [String: Any] {
        let text = try await app.database.withConnection { db in
            let row = try #require(try await db.raw("SELECT format_spec FROM questions WHERE id = \(bind: UUID(uuidString: question)!)").first())
            return try row.decode(column: "format_spec", as: String.self)
        }
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func post(_ app: PracticeHarness, _ token: String, _ body: String) async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        try await app.call(.post, "/api/v1/attempts", token: token, body: body,
            headers: [HTTPField.Name("Idempotency-Key")!: UUID().uuidString])
    }

    @Test("a complex question shows labels and statements, needs every row, and is right only when all are", arguments: TestDatabaseKind.allCases)
    func complex(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            try await Self.only(.complexMultipleChoice, in: .lbi, app)
            let token = try await app.token("ayu@example.com")
            let session = try await app.startSession(token, section: .lbi)
            let served = try await app.next(token, session: session).json
            #expect(served["format"] as? String == "complex_multiple_choice")
            #expect(served["options"] == nil && served["correct_statement_answers"] == nil)
            let statements = try #require(served["statements"] as? [String])
            let labels = try #require(served["labels"] as? [String])
            #expect(labels.count == 2 && !statements.isEmpty)
            let passage = try #require(served["passage"] as? [String: Any], "LBI questions come with their passage")
            #expect((passage["text"] as? String)?.isEmpty == false)

            let question = try #require(served["id"] as? String)
            let key = try #require(try await Self.spec(of: question, app)["statements"] as? [[String: Any]]).compactMap { $0["answer"] as? String }
            #expect(key.count == statements.count)
            func body(_ answers: [String]) -> String {
                let list = answers.map { "\"\($0)\"" }.joined(separator: ",")
                return #"{"question_id":"\#(question)","session_id":"\#(session)","statement_answers":[\#(list)],"time_spent_seconds":40}"#
            }
            let short = try await Self.post(app, token, body(Array(key.dropLast())))
            #expect(short.status == .unprocessableContent)
            #expect((short.json["error"] as? [String: Any])?["code"] as? String == "answer_does_not_fit")
            let unknownLabel = try await Self.post(app, token, body(key.map { _ in "Mungkin" }))
            #expect(unknownLabel.status == .unprocessableContent)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM attempts") == 0, "a refused answer writes nothing")

            let right = try await Self.post(app, token, body(key))
            #expect(right.status == .created)
            #expect(right.json["is_correct"] as? Bool == true)
            #expect(right.json["correct_statement_answers"] as? [String] == key)
            #expect(right.json["statement_answers"] as? [String] == key)

            let second = try await app.next(token, session: session).json
            let secondID = try #require(second["id"] as? String)
            let secondKey = try #require(try await Self.spec(of: secondID, app)["statements"] as? [[String: Any]]).compactMap { $0["answer"] as? String }
            let secondLabels = try #require(second["labels"] as? [String])
            var oneWrong = secondKey
            oneWrong[0] = secondLabels.first { $0 != secondKey[0] }!
            let list = oneWrong.map { "\"\($0)\"" }.joined(separator: ",")
            let wrong = try await Self.post(app, token,
                #"{"question_id":"\#(secondID)","session_id":"\#(session)","statement_answers":[\#(list)],"time_spent_seconds":40}"#)
            #expect(wrong.status == .created)
            #expect(wrong.json["is_correct"] as? Bool == false, "one wrong row makes the whole answer wrong")
        }
    }

    @Test("a short answer is compared after normalisation and never served with its accepted answers", arguments: TestDatabaseKind.allCases)
    func shortAnswer(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            try await Self.only(.shortAnswer, in: .pm, app)
            let token = try await app.token("bayu@example.com")
            let session = try await app.startSession(token, section: .pm)
            let served = try await app.next(token, session: session).json
            #expect(served["format"] as? String == "short_answer")
            #expect(served["options"] == nil && served["accepted_answers"] == nil && served["statements"] == nil)
            let question = try #require(served["id"] as? String)
            let accepted = try #require(try await Self.spec(of: question, app)["accepted_answers"] as? [String])
            func body(_ answer: String) -> String {
                #"{"question_id":"\#(question)","session_id":"\#(session)","short_answer":"\#(answer)","time_spent_seconds":60}"#
            }
            let both = try await app.call(.post, "/api/v1/attempts", token: token,
                body: #"{"question_id":"\#(question)","session_id":"\#(session)","short_answer":"1","selected_answer":"A","time_spent_seconds":60}"#,
                headers: [HTTPField.Name("Idempotency-Key")!: UUID().uuidString])
            #expect(both.status == .badRequest)
            #expect((both.json["error"] as? [String: Any])?["code"] as? String == "ambiguous_answer")
            let huge = try await Self.post(app, token, body(String(repeating: "7", count: 10_240)))
            #expect(huge.status == .badRequest)
            #expect((huge.json["error"] as? [String: Any])?["code"] as? String == "answer_too_long")
            let letter = try await Self.post(app, token,
                #"{"question_id":"\#(question)","session_id":"\#(session)","selected_answer":"A","time_spent_seconds":60}"#)
            #expect(letter.status == .unprocessableContent)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM attempts") == 0)

            let right = try await Self.post(app, token, body("  \(accepted[0]) "))
            #expect(right.status == .created)
            #expect(right.json["is_correct"] as? Bool == true, "white space around the answer does not matter")
            #expect(right.json["accepted_answers"] as? [String] == accepted)
            #expect(right.json["short_answer"] as? String == "\(accepted[0])".trimmingCharacters(in: .whitespaces))
        }
    }

    @Test("practice keeps a passage's questions together: after one, the rest of its questions come next", arguments: TestDatabaseKind.allCases)
    func passageTogether(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let token = try await app.token("wulan@example.com")
            let session = try await app.startSession(token, section: .lbi)
            let first = try await app.next(token, session: session).json
            let passage = try #require((first["passage"] as? [String: Any])?["id"] as? String)
            let siblings = try await app.count("""
                SELECT COUNT(*) AS n FROM questions WHERE passage_id = \(bind: UUID(uuidString: passage)!)
                """)
            #expect(siblings >= 2)
            let items = try await TryoutDriver(app: app).items()
            func answer(_ question: String) async throws {
                let fields = TryoutDriver.answerFields(try #require(items[question]), correct: true)
                let answered = try await Self.post(app, token,
                    #"{"question_id":"\#(question)","session_id":"\#(session)",\#(fields),"time_spent_seconds":50}"#)
                #expect(answered.status == .created)
            }
            var served: Set<String> = []
            var question = try #require(first["id"] as? String)
            for _ in 1..<siblings {
                served.insert(question)
                try await answer(question)
                let next = try await app.next(token, session: session).json
                #expect((next["passage"] as? [String: Any])?["id"] as? String == passage, "the same passage continues")
                question = try #require(next["id"] as? String)
                #expect(!served.contains(question))
            }
            try await answer(question)
            let after = try await app.next(token, session: session).json
            #expect((after["passage"] as? [String: Any])?["id"] as? String != passage, "a used-up passage gives way")
        }
    }
}
