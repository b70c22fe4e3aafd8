import Foundation
import GentaCore
@testable import GentaServer
import GentaTestSupport
import HTTPTypes
import Testing

@Suite("Content tools: passages")
struct PassageTests {
    static let passage = #"""
        {"key": "data-panen", "section": "PM", "title": "Hasil panen", "text": "Tabel berikut menunjukkan hasil panen padi.",
         "table": {"columns": ["Tahun", "Ton"], "rows": [["2024", "120"], ["2025", "150"]]}}
        """#
    static let question = #"""
        {"external_id": "PM-1", "section": "PM", "sub_type": "statistika_data", "passage_key": "data-panen",
         "text": "Berapa kenaikan hasil panen dari 2024 ke 2025?",
         "options": {"A": "20", "B": "25", "C": "30", "D": "35", "E": "40"}, "correct_answer": "C",
         "explanation": "150 - 120 = 30.", "difficulty_irt": 0.2, "discrimination": 1.1, "guessing_param": 0.2}
        """#

    @Test("passages are written, listed, edited (their questions back to review) and deleted only when unused",
        arguments: TestDatabaseKind.allCases)
    func passageLife(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let editor = try await app.token("editor@example.com", role: .reviewer)
            let call = { (method: HTTPRequest.Method, path: String, body: String?) in
                try await ContentToolsTests.call(app, method, path, token: editor, body: body)
            }
            let bank = ContentToolsTests.json(try await call(.post, "/api/v1/admin/question-banks", #"{"name": "Bank Wacana"}"#).text)
            let bankID = try #require(bank["id"] as? String)
            let created = try await call(.post, "/api/v1/admin/question-banks/\(bankID)/passages", Self.passage)
            #expect(created.status == .created, "\(created.text)")
            let passage = ContentToolsTests.json(created.text)
            let id = try #require(passage["id"] as? String)
            #expect(passage["key"] as? String == "data-panen" && passage["questions"] as? Int == 0)
            #expect((passage["table"] as? [String: Any])?["columns"] as? [String] == ["Tahun", "Ton"])
            #expect(try await call(.post, "/api/v1/admin/question-banks/\(bankID)/passages", Self.passage).text.contains("duplicate_passage_key"))
            let invalid = try await call(.post, "/api/v1/admin/question-banks/\(bankID)/passages",
                #"{"key": "x", "section": "XX", "table": {"columns": []}}"#)
            #expect(invalid.status == .unprocessableContent && invalid.text.contains("invalid_passage"))
            for field in ["section", "text", "table"] { #expect(invalid.text.contains("\"field\":\"\(field)\""), "\(field): \(invalid.text)") }

            let question = try await call(.post, "/api/v1/admin/question-banks/\(bankID)/questions", Self.question)
            #expect(question.status == .created, "\(question.text)")
            let questionID = try #require(ContentToolsTests.json(question.text)["id"] as? String)
            let listed = ContentToolsTests.json(try await call(.get, "/api/v1/admin/question-banks/\(bankID)/passages?limit=10", nil).text)
            #expect((listed["passages"] as? [[String: Any]])?.first?["questions"] as? Int == 1)

            // Two approvals put the question in service; a changed passage takes it out again.
            for name in ["ana", "budi"] {
                let reviewer = try await app.token("\(name)@genta.id", role: .reviewer)
                #expect(try await ContentToolsTests.call(app, .post, "/api/v1/admin/questions/\(questionID)/reviews", token: reviewer,
                    body: #"{"review_status": "approved"}"#).status == .created)
            }
            #expect(ContentToolsTests.json(try await call(.get, "/api/v1/admin/questions/\(questionID)", nil).text)["is_reviewed"] as? Bool == true)
            let moved = try await call(.put, "/api/v1/admin/passages/\(id)", Self.passage.replacingOccurrences(of: #""section": "PM""#, with: #""section": "PK""#))
            #expect(moved.status == .unprocessableContent && moved.text.contains("passage_section_mismatch"))
            let edited = try await call(.put, "/api/v1/admin/passages/\(id)", Self.passage.replacingOccurrences(of: "\"150\"", with: "\"160\""))
            #expect(edited.status == .ok, "\(edited.text)")
            let after = ContentToolsTests.json(try await call(.get, "/api/v1/admin/questions/\(questionID)", nil).text)
            #expect(after["is_reviewed"] as? Bool == false && after["revision"] as? Int == 2, "the question needs the reviewers again")
            let history = ContentToolsTests.json(try await call(.get, "/api/v1/admin/questions/\(questionID)/revisions", nil).text)
            #expect((history["revisions"] as? [[String: Any]])?.first?["note"] as? String == "passage data-panen changed")
            #expect(try await call(.put, "/api/v1/admin/passages/\(id)", Self.passage.replacingOccurrences(of: "\"150\"", with: "\"160\"")).status == .ok,
                "the same passage again changes nothing")
            #expect(ContentToolsTests.json(try await call(.get, "/api/v1/admin/questions/\(questionID)", nil).text)["revision"] as? Int == 2)

            let inUse = try await call(.delete, "/api/v1/admin/passages/\(id)", nil)
            #expect(inUse.status == .conflict && inUse.text.contains("passage_in_use"))
            #expect(try await call(.delete, "/api/v1/admin/questions/\(questionID)", nil).status == .ok)
            #expect(try await call(.delete, "/api/v1/admin/passages/\(id)", nil).status == .noContent)
            #expect(ContentToolsTests.json(try await call(.get, "/api/v1/admin/passages/\(id)", nil).text)["deleted_at"] != nil)
            #expect(try await call(.put, "/api/v1/admin/passages/\(id)", Self.passage).text.contains("passage_deleted"))
            #expect(try await call(.get, "/api/v1/admin/passages/\(UUID().uuidString)", nil).status == .notFound)
            let student = try await app.token("murid@example.com")
            #expect(try await ContentToolsTests.call(app, .get, "/api/v1/admin/passages/\(id)", token: student).status == .forbidden)
            #expect(try await ContentToolsTests.call(app, .post, "/api/v1/admin/question-banks/\(bankID)/passages", token: student,
                body: Self.passage).status == .forbidden)
        }
    }
}
