import Foundation
import GentaCore
@testable import GentaServer
import GentaTestSupport
import HTTPTypes
import SQLKit
import Testing

@Suite("Content tools: import and export")
struct ImportExportTests {
    typealias Tools = ContentToolsTests

    static let header = "external_id,section,sub_type,text,option_a,option_b,option_c,option_d,option_e,correct_answer,"
        + "explanation,strategy_tip,related_concept,difficulty_irt,discrimination,guessing_param,passage_key,passage_title,passage_text\r\n"
    static let rows = [
        "U-1,PU,analogi,\"Panas : api = dingin : ...\",es,air,angin,batu,kayu,A,\"Es itu dingin, api panas.\",,,0.1,1,0.2,,,\r\n",
        "U-2,LBI,simpulan,Apa simpulan teks?,Satu,Dua,Tiga,Empat,Lima,C,Paragraf 2.,,,0.5,0.8,0.2,P1,Hutan,\"Hutan \"\"hujan\"\"\nmenyimpan air.\"\r\n",
        "U-3,LBI,ide_pokok,Apa ide pokok teks?,Satu,Dua,Tiga,Empat,Lima,D,Paragraf 1.,,,-0.5,1.3,0.2,P1,,\r\n",
    ]
    static let csv: String = header + rows.joined()

    static func newBank(_ app: PracticeHarness, _ token: String, _ name: String) async throws -> String {
        let bank = Tools.json(try await Tools.call(app, .post, "/api/v1/admin/question-banks", token: token, body: #"{"name": "\#(name)"}"#).text)
        return try #require(bank["id"] as? String)
    }

    @Test("dry run, import, re-import (nothing changes), export → import into another bank → the same file",
        arguments: TestDatabaseKind.allCases)
    func roundTrip(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let editor = try await app.token("editor@example.com", role: .reviewer)
            let bank = try await Self.newBank(app, editor, "Impor")
            let dry = try await Tools.call(app, .post, "/api/v1/admin/question-banks/\(bank)/import?dry_run=true", token: editor,
                body: Self.csv, contentType: "text/csv")
            #expect(dry.status == .ok && Tools.json(dry.text)["added"] as? Int == 3 && Tools.json(dry.text)["dry_run"] as? Bool == true)
            #expect(Tools.json(try await Tools.call(app, .get, "/api/v1/admin/question-banks/\(bank)", token: editor).text)["total_questions"] as? Int == 0,
                "a dry run stores nothing")
            let first = try await Tools.call(app, .post, "/api/v1/admin/question-banks/\(bank)/import", token: editor, body: Self.csv,
                contentType: "text/csv; charset=utf-8")
            #expect(first.status == .created && Tools.json(first.text)["added"] as? Int == 3 && Tools.json(first.text)["passages_added"] as? Int == 1,
                "\(first.text)")
            let again = Tools.json(try await Tools.call(app, .post, "/api/v1/admin/question-banks/\(bank)/import", token: editor,
                body: Self.csv, contentType: "text/csv").text)
            #expect(again["added"] as? Int == 0 && again["updated"] as? Int == 0 && again["unchanged"] as? Int == 3)

            for format in ["csv", "jsonl"] {
                let exported = try await Tools.call(app, .get, "/api/v1/admin/question-banks/\(bank)/export?format=\(format)", token: editor)
                #expect(exported.status == .ok)
                let copy = try await Self.newBank(app, editor, "Salinan \(format)")
                let imported = try await Tools.call(app, .post, "/api/v1/admin/question-banks/\(copy)/import", token: editor,
                    body: exported.text, contentType: format == "csv" ? "text/csv" : "application/x-ndjson")
                #expect(imported.status == .created, "\(imported.text)")
                let reexported = try await Tools.call(app, .get, "/api/v1/admin/question-banks/\(copy)/export?format=\(format)", token: editor)
                #expect(reexported.text == exported.text, "\(format): export → import → export is byte for byte the same")
            }

            // A changed row is an update: a revision by the importer, out of review until approved again.
            let changed = Self.csv.replacingOccurrences(of: "Es itu dingin, api panas.", with: "Es dingin; api panas.")
            let update = Tools.json(try await Tools.call(app, .post, "/api/v1/admin/question-banks/\(bank)/import", token: editor,
                body: changed, contentType: "text/csv").text)
            #expect(update["updated"] as? Int == 1 && update["unchanged"] as? Int == 2)
            let kinds = try await app.database.withConnection { db in
                try await db.raw("SELECT change_kind FROM question_revisions WHERE change_kind = 'imported'").all().count
            }
            #expect(kinds == 1)
        }
    }

    @Test("bad files: every problem by line and nothing stored; multipart; unknown bank; wrong type", arguments: TestDatabaseKind.allCases)
    func badFiles(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let editor = try await app.token("editor@example.com", role: .reviewer)
            let bank = try await Self.newBank(app, editor, "Impor")
            let bad = Self.csv.replacingOccurrences(of: ",A,\"Es", with: ",F,\"Es").replacingOccurrences(of: "U-3,", with: "U-2,")
            let rejected = try await Tools.call(app, .post, "/api/v1/admin/question-banks/\(bank)/import", token: editor, body: bad,
                contentType: "text/csv")
            #expect(rejected.status == .unprocessableContent)
            let problems = try #require(Tools.json(rejected.text)["problems"] as? [[String: Any]])
            #expect(problems.contains { $0["line"] as? Int == 2 && $0["field"] as? String == "correct_answer" })
            #expect(problems.contains { $0["line"] as? Int == 5 && $0["field"] as? String == "external_id" }, "\(problems)")
            #expect(Tools.json(try await Tools.call(app, .get, "/api/v1/admin/question-banks/\(bank)", token: editor).text)["total_questions"] as? Int == 0)

            let boundary = "genta-\(UUID().uuidString)"
            let form = "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"soal.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                + Self.csv + "\r\n--\(boundary)--\r\n"
            let multipart = try await Tools.call(app, .post, "/api/v1/admin/question-banks/\(bank)/import", token: editor, body: form,
                contentType: "multipart/form-data; boundary=\(boundary)")
            #expect(multipart.status == .created && Tools.json(multipart.text)["added"] as? Int == 3, "\(multipart.text)")

            let missing = try await Tools.call(app, .post, "/api/v1/admin/question-banks/\(UUID())/import", token: editor,
                body: Self.csv, contentType: "text/csv")
            #expect(missing.status == .notFound && missing.text.contains("bank_not_found"))
            let wrongType = try await Tools.call(app, .post, "/api/v1/admin/question-banks/\(bank)/import", token: editor,
                body: "{}", contentType: "application/json")
            #expect(wrongType.status == .unsupportedMediaType)
            let badFormat = try await Tools.call(app, .get, "/api/v1/admin/question-banks/\(bank)/export?format=xlsx", token: editor)
            #expect(badFormat.status == .badRequest)
        }
    }
}
