import Foundation
import GentaCore
@testable import GentaServer
import GentaTestSupport
import HTTPTypes
import Testing

@Suite("Web pages: tryouts")
struct WebTryoutTests {
    @Test("a tryout block by block: saved answers survive a reload, a block times out, then the score report",
        arguments: TestDatabaseKind.allCases)
    func sitting(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind, tryouts: TryoutSettings(exam: TryoutDriver.shortExam)) { app in
            let eventID = try await TryoutDriver(app: app).createEvent(name: "Tryout <b>Web</b>")
            var (browser, csrf) = try await WebPremiumAndFeedbackTests.onboarded(app, "ayu@example.com")
            let list = try await browser.get("/tryout")
            #expect(list.html.contains("Tryout &lt;b&gt;Web&lt;/b&gt;"), "the event's name is text")
            #expect(list.html.contains("action=\"/tryout/\(eventID)/mulai\""), "not started yet: a start button")
            let started = try await browser.post("/tryout/\(eventID)/mulai", [("csrf", csrf)])
            let sittingPath = try #require(started.headers[.location])
            let block = try await browser.get(sittingPath)
            #expect(block.status == .ok)
            #expect(block.html.contains("id=\"countdown\""))
            #expect(!block.html.contains("correct_answer") && !block.html.contains("explanation"), "no key before the end")
            let action = try #require(block.html.firstMatch(of: /action="(\/tryout\/sesi\/[0-9a-f-]+\/blok\/0)"/)?.output.1)

            // Question 1 answered and flagged ragu-ragu; the page shows both after a reload.
            var form = [("csrf", csrf), ("action", "save"), ("q1_unsure", "1"), ("q1_seconds", "37"), ("q2_seconds", "99999999999999999999")]
            if block.html.contains("name=\"q1_choice\"") { form.append(("q1_choice", "B")) }
            if block.html.contains("name=\"q1_short\"") { form.append(("q1_short", "12")) }
            #expect(try await browser.post(String(action), form).headers[.location] == sittingPath)
            let reloaded = try await browser.get(sittingPath)
            #expect(reloaded.html.contains("name=\"q1_unsure\" value=\"1\" checked"))
            #expect(reloaded.html.contains("class=\"answered unsure\"") || reloaded.html.contains("class=\" unsure\""))
            #expect(try await browser.post(String(action), [("csrf", "forged"), ("action", "finish")]).status == .forbidden)

            // Finish block 0; block 1's time runs out while nobody looks; the page has moved on.
            _ = try await browser.post(String(action), [("csrf", csrf), ("action", "finish")])
            #expect(try await browser.get(sittingPath).html.contains("/blok/1\""))
            app.clock.advance(seconds: 301)
            #expect(try await browser.get(sittingPath).html.contains("/blok/2\""))
            // A late save to the closed block changes nothing and lands on the open one.
            #expect(try await browser.post(String(action).replacingOccurrences(of: "/blok/0", with: "/blok/1"),
                [("csrf", csrf), ("action", "finish")]).headers[.location] == sittingPath)

            let early = try await browser.get(sittingPath + "/pembahasan")
            #expect(early.status == .conflict, "no review (and no key) while the sitting runs")
            #expect(!early.html.contains("Kunci jawaban"))
            for position in 2..<TryoutDriver.shortExam.timedBlocks.count {
                _ = try await browser.post(sittingPath + "/blok/\(position)", [("csrf", csrf), ("action", "finish")])
            }
            let report = try await browser.get(sittingPath)
            #expect(report.html.contains("Hasil tryout"))
            #expect(report.html.components(separatedBy: "<th scope=\"row\">").count == Section.allCases.count + 1)
            #expect(report.html.contains("href=\"\(sittingPath)/pembahasan\""))

            // The review: every question with the student's answer, the key and the explanation.
            // The review, a block a page: every question with the answer, the key and the explanation.
            var keys = 0
            let blocks = TryoutDriver.shortExam.timedBlocks
            for (index, block) in blocks.enumerated() {
                let review = try await browser.get(sittingPath + "/pembahasan?blok=\(index + 1)")
                #expect(review.status == .ok)
                #expect(review.html.contains("Pembahasan tryout") && review.html.contains("<h2>\(block.name)</h2>"))
                #expect(review.html.components(separatedBy: "class=\"entry ").count == block.questions + 1)
                keys += review.html.components(separatedBy: "Kunci jawaban").count - 1
            }
            #expect(keys == TryoutDriver.shortExam.totalQuestions, "one key per question")
            let first = try await browser.get(sittingPath + "/pembahasan?blok=1")
            #expect(first.html.contains("Soal 1 · ") && first.html.contains(" · 37 detik"), "the time the page's script counted")
            #expect(try await browser.get(sittingPath + "/pembahasan").html.contains("<h2>\(blocks[0].name)</h2>"), "the first block by default")
            #expect(try await browser.get(sittingPath + "/pembahasan?blok=\(blocks.count + 1)").status == .badRequest)
            // The tryout page lists the sitting in the history, with its score.
            let history = try await browser.get("/tryout")
            #expect(history.html.contains("Tryout yang pernah kamu ikuti"))
            #expect(history.html.contains("href=\"\(sittingPath)\""))
            // Another student cannot open it.
            var (stranger, _) = try await WebPremiumAndFeedbackTests.onboarded(app, "budi@example.com")
            #expect(try await stranger.get(sittingPath + "/pembahasan").status == .notFound)
        }
    }
}
