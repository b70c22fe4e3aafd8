import Foundation
import GentaCore
import GentaServer
import GentaStore
import GentaTestSupport
import HTTPTypes
import Testing

/// The content team's tools against the document: banks, questions, imports, exports, reviews,
/// the queue and students' reports, each operation answering with a 2xx at least once.
extension ContractTests {
    static func contentOperations(_ document: OpenAPIDocument) -> Set<String> {
        Set(document.operations.filter { operation in
            operation.node["tags"]?.array?.contains(.string("Content")) == true || operation.template == "/api/v1/questions/{id}/reports"
                || operation.template.hasPrefix("/api/v1/me/notices")
        }.map(\.description))
    }

    @Test("the content team's tools match the document, and every content operation is exercised")
    func contentFlow() async throws {
        try await PracticeHarness.run(.sqlite) { app in
            let document = try await OpenAPIDocument.fetch(from: app.client)
            let log = ContractLog()
            let api = ContractClient(client: app.client, document: document, log: log)
            let author = try await app.token("penulis@genta.id", role: .reviewer)
            let reviewer = try await app.token("ana@genta.id", role: .reviewer)
            let admin = try await app.token("ops@genta.id", role: .admin)
            let student = try await app.token("siti@example.com")

            let bank = try await api.call(.post, "/api/v1/admin/question-banks", token: author,
                body: #"{"name": "Kontrak", "description": "Bank uji", "source": "content_team"}"#, expect: .created)
            let bankID = try #require(bank["id"]?.string)
            try await api.call(.get, "/api/v1/admin/question-banks?limit=10&offset=0", token: author, expect: .ok)
            try await api.call(.get, "/api/v1/admin/question-banks/\(bankID)", token: author, expect: .ok)
            try await api.call(.patch, "/api/v1/admin/question-banks/\(bankID)", token: author, body: #"{"description": "Bank kontrak"}"#, expect: .ok)
            #expect(Self.code(try await api.call(.get, "/api/v1/admin/question-banks", token: student, expect: .forbidden)) == "staff_only")

            try await api.call(.post, "/api/v1/admin/question-banks/\(bankID)/import?dry_run=true", token: author,
                body: ImportExportTests.csv, headers: [.contentType: "text/csv"], expect: .ok)
            try await api.call(.post, "/api/v1/admin/question-banks/\(bankID)/import", token: author,
                body: ImportExportTests.csv, headers: [.contentType: "text/csv"], expect: .created)
            let rejected = try await api.call(.post, "/api/v1/admin/question-banks/\(bankID)/import", token: author,
                body: "section\nPU\n", headers: [.contentType: "text/csv"], expect: .unprocessableContent)
            #expect(rejected["error"]?["code"]?.string == "import_rejected")
            try await api.call(.get, "/api/v1/admin/question-banks/\(bankID)/export?format=jsonl", token: author, expect: .ok)

            let passage = try await api.call(.post, "/api/v1/admin/question-banks/\(bankID)/passages", token: author,
                body: PassageTests.passage, expect: .created)
            let passageID = try #require(passage["id"]?.string)
            try await api.call(.get, "/api/v1/admin/question-banks/\(bankID)/passages?limit=5", token: reviewer, expect: .ok)
            try await api.call(.get, "/api/v1/admin/passages/\(passageID)", token: reviewer, expect: .ok)
            try await api.call(.put, "/api/v1/admin/passages/\(passageID)", token: author,
                body: PassageTests.passage.replacingOccurrences(of: "Hasil panen", with: "Panen padi"), expect: .ok)
            #expect(Self.code(try await api.call(.post, "/api/v1/admin/question-banks/\(bankID)/passages", token: author,
                body: #"{"key": "k", "section": "PM"}"#, expect: .unprocessableContent)) == "invalid_passage")
            try await api.call(.delete, "/api/v1/admin/passages/\(passageID)", token: author, expect: .noContent)

            let question = try await api.call(.post, "/api/v1/admin/question-banks/\(bankID)/questions", token: author,
                body: ContentToolsTests.question, expect: .created)
            let id = try #require(question["id"]?.string)
            try await api.call(.get, "/api/v1/admin/questions/\(id)", token: reviewer, expect: .ok)
            let edited = ContentToolsTests.question.replacingOccurrences(of: "x = 10 / 2 = 5.", with: "Bagi dengan 2: x = 5.")
            try await api.call(.put, "/api/v1/admin/questions/\(id)", token: author, body: edited, expect: .ok)
            try await api.call(.get, "/api/v1/admin/questions/\(id)/revisions", token: reviewer, expect: .ok)
            try await api.call(.post, "/api/v1/admin/questions/\(id)/reviews", token: reviewer,
                body: #"{"review_status": "approved", "reviewed_aspects": "clarity,correctness"}"#, expect: .created)
            #expect(Self.code(try await api.call(.post, "/api/v1/admin/questions/\(id)/reviews", token: author,
                body: #"{"review_status": "approved"}"#, expect: .forbidden)) == "own_question")
            try await api.call(.get, "/api/v1/admin/questions/\(id)/reviews", token: reviewer, expect: .ok)
            try await api.call(.get, "/api/v1/admin/review-queue?state=awaiting&section=PK&limit=5", token: reviewer, expect: .ok)
            try await api.call(.delete, "/api/v1/admin/questions/\(id)", token: author, expect: .ok)
            try await api.call(.post, "/api/v1/admin/questions/\(id)/restore", token: author, expect: .ok)

            // A student reports a problem with a question they answered.
            let session = try await app.startSession(student, section: .pk)
            let served = try #require(try await app.next(student, session: session).json["id"] as? String)
            _ = try await app.call(.post, "/api/v1/attempts", token: student, body: """
                {"question_id": "\(served)", "session_id": "\(session)", "selected_answer": "A", "time_spent_seconds": 20}
                """, headers: [.init("Idempotency-Key")!: UUID().uuidString])
            try await api.call(.post, "/api/v1/questions/\(served)/reports", token: student,
                body: #"{"kind": "typo", "note": "Ada salah ketik."}"#, expect: .created)

            // The key of the question the student answered is corrected: the student is told.
            var corrected = try #require(try await app.call(.get, "/api/v1/admin/questions/\(served)", token: admin).json["question"] as? [String: Any])
            corrected["correct_answer"] = corrected["correct_answer"] as? String == "A" ? "B" : "A"
            try await api.call(.put, "/api/v1/admin/questions/\(served)", token: admin,
                body: String(decoding: try JSONSerialization.data(withJSONObject: corrected), as: UTF8.self), expect: .ok)
            let corrections = try await api.call(.get, "/api/v1/admin/key-corrections?question_id=\(served)&limit=5", token: reviewer, expect: .ok)
            let correction = try #require(corrections["key_corrections"]?.array?.first?["id"]?.string)
            try await KeyCorrectionJob(database: app.database, clock: app.clock.ticking, settings: PracticeSettings()).runAll()
            try await api.call(.get, "/api/v1/admin/key-corrections/\(correction)", token: reviewer, expect: .ok)
            try await ItemAnalysisQueries(database: app.database, now: { app.clock.now }).refresh()
            try await api.call(.get, "/api/v1/admin/questions/analysis?section=PK&limit=5", token: reviewer, expect: .ok)
            try await api.call(.get, "/api/v1/admin/questions/\(served)/analysis?min_sample=1", token: reviewer, expect: .ok)
            let notice = try #require(try await api.call(.get, "/api/v1/me/notices", token: student, expect: .ok)["notices"]?.array?.first?["id"]?.string)
            try await api.call(.post, "/api/v1/me/notices/\(notice)/dismiss", token: student, expect: .noContent)

            try await api.call(.delete, "/api/v1/admin/question-banks/\(bankID)", token: admin, expect: .noContent)

            let operations = Self.contentOperations(document)
            #expect(operations.count == 28)
            let missing = operations.subtracting(log.succeeded)
            #expect(missing.isEmpty, "documented but never answered with a 2xx: \(missing.sorted())")
        }
    }
}
