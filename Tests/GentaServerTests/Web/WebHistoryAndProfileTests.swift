import Foundation
import GentaCore
@testable import GentaServer
import GentaStore
import GentaTestSupport
import HTTPTypes
import SQLKit
import Testing

@Suite("Web pages: history, retry, trends and profile")
struct WebHistoryAndProfileTests {
    /// Answers `count` questions of a new session in `section` with A (or 12), returning the session's path.
    static func practise(_ browser: inout Browser, csrf: String, section: String, count: Int) async throws -> String {
        let session = try #require(try await browser.post("/latihan", [("csrf", csrf), ("section", section)]).headers[.location])
        for _ in 0..<count {
            let question = try await browser.get(session)
            var form = [("csrf", csrf), ("question_id", try #require(question.field("question_id"))),
                ("key", UUID().uuidString), ("started", try #require(question.field("started")))]
            if question.html.contains("name=\"choice\"") { form.append(("choice", "A")) }
            if question.html.contains("name=\"short_answer\"") { form.append(("short_answer", "12")) }
            for index in 0..<StudentResponse.maximumStatements where question.html.contains("name=\"s\(index)\"") {
                form.append(("s\(index)", "Benar"))
            }
            #expect(try await browser.post(session + "/jawab", form).status == .ok)
        }
        return session
    }

    @Test("the mistake book filters by sub type; a question tried again is graded but not recorded", arguments: TestDatabaseKind.allCases)
    func retry(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            var (browser, csrf) = try await WebPremiumAndFeedbackTests.onboarded(app, "tari@example.com")
            _ = try await Self.practise(&browser, csrf: csrf, section: "PU", count: 6)
            let history = try await browser.get("/riwayat")
            let subType = try #require(history.html.firstMatch(of: #/<option value="([a-z_]+)">PU · /#)?.output.1, "the filter offers PU's sub types")
            let filtered = try await browser.get("/riwayat?tipe=\(subType)")
            let shown = filtered.html.components(separatedBy: "<li class=\"entry").count - 1
            #expect(shown >= 1 && filtered.html.components(separatedBy: " · \(subType) · ").count - 1 == shown, "only \(subType)")
            #expect(try await browser.get("/riwayat?tipe=%3Cscript%3E").status == .badRequest)

            let attempt = try #require(filtered.html.firstMatch(of: /href="\/riwayat\/ulang\/([0-9a-f-]{36})"/)?.output.1)
            let before = try await Self.attemptCount(app)
            let again = try await browser.get("/riwayat/ulang/\(attempt)")
            #expect(again.status == .ok)
            #expect(again.html.contains("action=\"/riwayat/ulang/\(attempt)\""))
            #expect(!again.html.contains("Kunci jawaban"), "the key is not on the question page")
            let graded = try await browser.post("/riwayat/ulang/\(attempt)", [("csrf", csrf), ("choice", "C")])
            #expect(graded.status == .ok)
            #expect(graded.html.contains("Kunci jawaban") && !graded.html.contains("θ"), "graded, with no ability change")
            #expect(try await Self.attemptCount(app) == before, "a retry records nothing")
            #expect(try await browser.post("/riwayat/ulang/\(attempt)", [("csrf", "forged"), ("choice", "C")]).status == .forbidden)
            #expect(try await browser.post("/riwayat/ulang/\(attempt)", [("csrf", csrf), ("short_answer", "7")]).status
                == .unprocessableContent, "an answer of another format")

            var (stranger, _) = try await WebPremiumAndFeedbackTests.onboarded(app, "umar@example.com")
            #expect(try await stranger.get("/riwayat/ulang/\(attempt)").status == .notFound, "someone else's answer is not there")

            // The API filters the same way.
            let token = try await app.token("tari@example.com")
            let (status, json) = try await app.call(.get, "/api/v1/attempts?sub_type=\(subType)", token: token)
            #expect(status == .ok && (json["attempts"] as? [Any])?.count == shown)
            let (badStatus, badJSON) = try await app.call(.get, "/api/v1/attempts?sub_type=a%20b", token: token)
            #expect(badStatus == .badRequest && (badJSON["error"] as? [String: Any])?["code"] as? String == "invalid_sub_type")
        }
    }

    @Test("the dashboard draws each subtest's trend; the profile shows goals and the paid period; sessions are listed",
        arguments: TestDatabaseKind.allCases)
    func dashboardAndProfile(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            var (browser, csrf) = try await WebPremiumAndFeedbackTests.onboarded(app, "wulan@example.com")
            let empty = try await browser.get("/dasbor")
            #expect(empty.html.components(separatedBy: "class=\"trend\"").count == Section.allCases.count + 1)
            #expect(!empty.html.contains("<polyline"), "no answers, no line")
            #expect(empty.html.contains("Peluang mencapai target"))

            _ = try await Self.practise(&browser, csrf: csrf, section: "PK", count: 3)
            app.clock.advance(seconds: 86_400)
            _ = try await Self.practise(&browser, csrf: csrf, section: "PK", count: 2)
            let dashboard = try await browser.get("/dasbor")
            #expect(dashboard.html.components(separatedBy: "<polyline").count == 2, "PK's two days make a line")
            #expect(dashboard.html.contains("aria-label=\"PK: skor "))

            // A question the student answered has its key corrected: the dashboard says so until dismissed.
            let answered = try await app.database.withConnection { db in
                try await db.raw("""
                    SELECT q.id, q.correct_answer FROM attempts a JOIN questions q ON q.id = a.question_id
                    WHERE q.format = 'multiple_choice' ORDER BY a.created_at LIMIT 1
                    """).first().map { (try $0.decode(column: "id", as: UUID.self).uuidString.lowercased(), try $0.decode(column: "correct_answer", as: String.self)) }
            }
            let (questionID, key) = try #require(answered)
            let editor = try await app.token("editor@example.com", role: .reviewer)
            var body = try #require(try await app.call(.get, "/api/v1/admin/questions/\(questionID)", token: editor).json["question"] as? [String: Any])
            body["correct_answer"] = key == "A" ? "B" : "A"
            #expect(try await app.call(.put, "/api/v1/admin/questions/\(questionID)", token: editor,
                body: String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)).status == .ok)
            try await KeyCorrectionJob(database: app.database, clock: app.clock.ticking, settings: PracticeSettings()).runAll()
            let told = try await browser.get("/dasbor")
            let notice = try #require(told.html.firstMatch(of: /action="\/pemberitahuan\/([0-9a-f-]{36})\/tutup"/)?.output.1)
            #expect(told.html.contains("Kunci jawaban sebuah soal yang pernah kamu kerjakan sudah diperbaiki"))
            #expect(try await browser.post("/pemberitahuan/\(notice)/tutup", [("csrf", "forged")]).status == .forbidden)
            #expect(try await browser.post("/pemberitahuan/\(notice)/tutup", [("csrf", csrf)]).headers[.location] == "/dasbor")
            #expect(!(try await browser.get("/dasbor")).html.contains("/pemberitahuan/"), "dismissed")

            let practice = try await browser.get("/latihan")
            #expect(practice.html.contains("Sesi latihan terakhir"))
            #expect(practice.html.components(separatedBy: "<th scope=\"row\">PK</th>").count == 3, "both sessions listed")

            let profile = try await browser.get("/profil")
            #expect(profile.status == .ok)
            #expect(profile.html.contains("wulan@example.com") && profile.html.contains("ITB") && profile.html.contains("Gratis"))
            let onboarding = try await browser.get("/onboarding")
            #expect(onboarding.html.contains("value=\"ITB\"") && onboarding.html.contains("value=\"2027-05-01\""), "goals are prefilled")
        }
    }

    static func attemptCount(_ app: PracticeHarness) async throws -> Int? {
        try await app.database.withConnection { db in
            try await db.raw("SELECT COUNT(*) AS n FROM attempts").first()?.decode(column: "n", as: Int.self)
        }
    }
}
