import Foundation
import GentaCore
@testable import GentaServer
import GentaTestSupport
import HTTPTypes
import NIOCore
import SQLKit
import Testing

@Suite("Content tools: banks, questions, revisions, import and export")
struct ContentToolsTests {
    static let question = #"""
        {"external_id": "PK-900", "section": "PK", "sub_type": "aljabar", "text": "Jika 2x = 10, berapakah x?",
         "options": {"A": "2", "B": "5", "C": "8", "D": "10", "E": "20"}, "correct_answer": "B",
         "explanation": "x = 10 / 2 = 5.", "difficulty_irt": -1.234, "discrimination": 1.1, "guessing_param": 0.2}
        """#

    static func call(
        _ app: PracticeHarness, _ method: HTTPRequest.Method, _ path: String, token: String, body: String? = nil,
        contentType: String? = nil
    ) async throws -> (status: HTTPResponse.Status, text: String) {
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        if let body { headers[.contentType] = contentType ?? "application/json" }
        return try await app.client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) {
            ($0.status, String(buffer: $0.body))
        }
    }

    static func json(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]  // ok: a test reads what it asserts on
    }

    @Test("a student gets 403 on every staff endpoint; a reviewer gets in", arguments: TestDatabaseKind.allCases)
    func staffOnly(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let student = try await app.token("murid@example.com")
            let id = UUID().uuidString
            let endpoints: [(HTTPRequest.Method, String, String?)] = [
                (.get, "/api/v1/admin/question-banks", nil), (.post, "/api/v1/admin/question-banks", #"{"name":"X"}"#),
                (.get, "/api/v1/admin/question-banks/\(id)", nil), (.patch, "/api/v1/admin/question-banks/\(id)", #"{"name":"Y"}"#),
                (.delete, "/api/v1/admin/question-banks/\(id)", nil), (.post, "/api/v1/admin/question-banks/\(id)/import", "a,b"),
                (.get, "/api/v1/admin/question-banks/\(id)/export", nil), (.post, "/api/v1/admin/question-banks/\(id)/questions", Self.question),
                (.get, "/api/v1/admin/questions/\(id)", nil), (.put, "/api/v1/admin/questions/\(id)", Self.question),
                (.delete, "/api/v1/admin/questions/\(id)", nil), (.post, "/api/v1/admin/questions/\(id)/restore", nil),
                (.get, "/api/v1/admin/questions/\(id)/revisions", nil),
                (.post, "/api/v1/admin/questions/\(id)/reviews", #"{"review_status":"approved"}"#),
                (.get, "/api/v1/admin/questions/\(id)/reviews", nil), (.get, "/api/v1/admin/review-queue", nil),
                (.get, "/api/v1/admin/question-banks/\(id)/passages", nil),
                (.post, "/api/v1/admin/question-banks/\(id)/passages", PassageTests.passage),
                (.get, "/api/v1/admin/passages/\(id)", nil), (.put, "/api/v1/admin/passages/\(id)", PassageTests.passage),
                (.delete, "/api/v1/admin/passages/\(id)", nil),
                (.get, "/api/v1/admin/questions/analysis", nil), (.get, "/api/v1/admin/questions/\(id)/analysis", nil),
                (.get, "/api/v1/admin/key-corrections", nil), (.get, "/api/v1/admin/key-corrections/\(id)", nil),
            ]
            for (method, path, body) in endpoints {
                let answer = try await Self.call(app, method, path, token: student, body: body,
                    contentType: path.hasSuffix("/import") ? "text/csv" : nil)
                #expect(answer.status == .forbidden, "\(method) \(path): \(answer.status)")
            }
            let reviewer = try await app.token("editor@example.com", role: .reviewer)
            #expect(try await Self.call(app, .get, "/api/v1/admin/question-banks", token: reviewer).status == .ok)
            #expect(try await Self.call(app, .delete, "/api/v1/admin/question-banks/\(id)", token: reviewer).status == .forbidden,
                "deleting a bank is for admins")
        }
    }

    @Test("a question's life: created, read with its key, edited (a revision, out of review), deleted, restored", arguments: TestDatabaseKind.allCases)
    func questionLife(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let editor = try await app.token("editor@example.com", role: .reviewer)
            let bank = Self.json(try await Self.call(app, .post, "/api/v1/admin/question-banks", token: editor,
                body: #"{"name": "Bank Uji", "description": "Soal baru"}"#).text)
            let bankID = try #require(bank["id"] as? String)
            let created = try await Self.call(app, .post, "/api/v1/admin/question-banks/\(bankID)/questions", token: editor, body: Self.question)
            #expect(created.status == .created, "\(created.text)")
            let question = Self.json(created.text)
            let id = try #require(question["id"] as? String)
            #expect(question["revision"] as? Int == 1 && question["is_reviewed"] as? Bool == false)
            #expect((question["question"] as? [String: Any])?["difficulty_irt"] as? Double == -1.23, "stored as the schema keeps it")
            #expect(Self.json(try await Self.call(app, .get, "/api/v1/admin/question-banks/\(bankID)", token: editor).text)["total_questions"] as? Int == 1)

            let duplicate = try await Self.call(app, .post, "/api/v1/admin/question-banks/\(bankID)/questions", token: editor, body: Self.question)
            #expect(duplicate.status == .conflict && duplicate.text.contains("duplicate_external_id"))
            let invalid = try await Self.call(app, .post, "/api/v1/admin/question-banks/\(bankID)/questions", token: editor,
                body: Self.question.replacingOccurrences(of: #""correct_answer": "B""#, with: #""correct_answer": "F""#))
            #expect(invalid.status == .unprocessableContent && invalid.text.contains("invalid_question") && invalid.text.contains("correct_answer"))

            let edited = Self.question.replacingOccurrences(of: "berapakah x?", with: "berapakah nilai x?")
                .replacingOccurrences(of: #"{"external_id""#, with: #"{"note": "kalimat diperjelas", "external_id""#)
            let update = try await Self.call(app, .put, "/api/v1/admin/questions/\(id)", token: editor, body: edited)
            #expect(update.status == .ok, "\(update.text)")
            #expect(Self.json(update.text)["revision"] as? Int == 2)
            let history = Self.json(try await Self.call(app, .get, "/api/v1/admin/questions/\(id)/revisions", token: editor).text)
            let revisions = try #require(history["revisions"] as? [[String: Any]])
            #expect(revisions.map { $0["change_kind"] as? String } == ["edited", "created"])
            #expect(revisions.first?["note"] as? String == "kalimat diperjelas")
            #expect(((revisions.last?["question"] as? [String: Any])?["text"] as? String)?.hasSuffix("berapakah x?") == true, "the earlier text is kept")

            #expect(try await Self.call(app, .delete, "/api/v1/admin/questions/\(id)", token: editor).status == .ok)
            let afterDelete = try await Self.call(app, .put, "/api/v1/admin/questions/\(id)", token: editor, body: Self.question)
            #expect(afterDelete.status == .conflict && afterDelete.text.contains("question_deleted"))
            #expect(Self.json(try await Self.call(app, .get, "/api/v1/admin/question-banks/\(bankID)", token: editor).text)["total_questions"] as? Int == 0)
            let restored = Self.json(try await Self.call(app, .post, "/api/v1/admin/questions/\(id)/restore", token: editor).text)
            #expect(restored["revision"] as? Int == 4 && restored["is_deleted"] as? Bool == false)
            #expect(try await Self.call(app, .get, "/api/v1/admin/questions/\(UUID())", token: editor).status == .notFound)
        }
    }

    @Test("an answered demo question: its key can be corrected, its format cannot; its edit records the original first; answers name their revision",
        arguments: TestDatabaseKind.allCases)
    func answeredQuestion(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let student = try await app.token("siswa@example.com")
            let session = try await app.startSession(student, section: .pk)
            let (_, served) = try await app.next(student, session: session)
            let questionID = try #require(served["id"] as? String)
            _ = try await app.call(.post, "/api/v1/attempts", token: student, body: """
                {"question_id": "\(questionID)", "session_id": "\(session)", "selected_answer": "A", "time_spent_seconds": 20}
                """, headers: [.init("Idempotency-Key")!: UUID().uuidString])
            let revision = try await app.database.withConnection { db in
                try await db.raw("SELECT question_revision FROM attempts").first()?.decode(column: "question_revision", as: Int?.self)
            }
            #expect(revision == 1)

            let editor = try await app.token("editor@example.com", role: .reviewer)
            let current = Self.json(try await Self.call(app, .get, "/api/v1/admin/questions/\(questionID)", token: editor).text)
            var body = try #require(current["question"] as? [String: Any])
            let key = body["correct_answer"] as? String
            body["correct_answer"] = key == "A" ? "B" : "A"
            let keyChange = try await Self.call(app, .put, "/api/v1/admin/questions/\(questionID)", token: editor,
                body: String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self))
            #expect(keyChange.status == .ok, "a key correction: \(keyChange.text)")
            #expect(try await app.count("SELECT COUNT(*) AS n FROM key_corrections WHERE question_id = \(bind: UUID(uuidString: questionID)!)") == 1)
            var shortAnswer = body
            shortAnswer["format"] = "short_answer"
            shortAnswer["accepted_answers"] = ["5"]
            shortAnswer["options"] = nil
            shortAnswer["correct_answer"] = nil
            let formatChange = try await Self.call(app, .put, "/api/v1/admin/questions/\(questionID)", token: editor,
                body: String(decoding: try JSONSerialization.data(withJSONObject: shortAnswer), as: UTF8.self))
            #expect(formatChange.status == .conflict && formatChange.text.contains("format_change_on_answered"), "\(formatChange.text)")
            body["correct_answer"] = key
            body["strategy_tip"] = "Kerjakan dari pilihan jawaban."
            let tipChange = try await Self.call(app, .put, "/api/v1/admin/questions/\(questionID)", token: editor,
                body: String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self))
            #expect(tipChange.status == .ok, "\(tipChange.text)")
            let history = Self.json(try await Self.call(app, .get, "/api/v1/admin/questions/\(questionID)/revisions", token: editor).text)
            #expect((history["revisions"] as? [[String: Any]])?.map { $0["change_kind"] as? String } == ["edited", "edited", "original"])
        }
    }
}
