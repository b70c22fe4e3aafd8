import Foundation
import GentaCore
import GentaStore
import GentaTestSupport
import HTTPTypes
import IRT
import SQLKit
import Testing

@Suite("Tryouts through the API")
struct TryoutTests {
    static let settings = TryoutSettings(exam: TryoutDriver.shortExam, freeMonthlySittings: 5, minimumSittersForPercentile: 30)

    @Test("a seeded cohort sits a tryout: scores recover the true θ, percentiles appear at 30 sitters and are right",
          arguments: TestDatabaseKind.allCases)
    func cohort(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind, tryouts: Self.settings) { app in
            let driver = TryoutDriver(app: app)
            let event = try await driver.createEvent()
            let items = try await driver.items()
            var random = SeededGenerator(seed: 2027)
            var errors: [Double] = []
            var sittings: [(token: String, id: String)] = []
            for simulee in 0..<32 {
                let trueTheta = StandardNormal.quantile(Double.random(in: 0.01...0.99, using: &random))
                let token = try await app.token("simulee\(simulee)@genta.test")
                let started = try await app.call(.post, "/api/v1/tryouts/\(event)/sittings", token: token)
                #expect(started.status == .created)
                let sitting = try #require(started.json["id"] as? String)
                // One pass per timed block, and one more that finds the sitting over.
                for _ in 0...TryoutDriver.shortExam.timedBlocks.count {
                    let block = try await app.call(.get, "/api/v1/tryout-sittings/\(sitting)/block", token: token)
                    if block.status == .conflict { break }
                    try #require(block.status == .ok)
                    #expect(!containsKeyField(block.json), "an open block never carries a key")
                    let position = try #require(block.json["position"] as? Int)
                    for question in try #require(block.json["questions"] as? [[String: Any]]) {
                        let id = try #require(question["id"] as? String)
                        let item = try #require(items[id])
                        let correct = Double.random(in: 0..<1, using: &random) < item.parameters.probability(at: trueTheta)
                        let saved = try await driver.save(token, sitting: sitting, question: id, fields: TryoutDriver.answerFields(item, correct: correct))
                        #expect(saved.status == .ok)
                        #expect(!containsKeyField(saved.json))
                    }
                    let finished = try await app.call(.post, "/api/v1/tryout-sittings/\(sitting)/blocks/\(position)/finish", token: token)
                    #expect(finished.status == .ok)
                    if finished.json["status"] as? String == "in_progress" { #expect(!containsKeyField(finished.json)) }
                }
                let state = try await app.call(.get, "/api/v1/tryout-sittings/\(sitting)", token: token)
                let result = try #require(state.json["result"] as? [String: Any])
                let subtests = try #require(result["subtests"] as? [[String: Any]])
                #expect(subtests.count == Section.allCases.count)
                for subtest in subtests {
                    errors.append(try #require(subtest["theta"] as? Double) - trueTheta)
                    #expect((subtest["correct_count"] as? Int ?? 0) + (subtest["wrong_count"] as? Int ?? 0) == 6)
                }
                if simulee < 29 { #expect(result["overall_percentile"] == nil, "no percentile below 30 sitters") }
                sittings.append((token, sitting))
            }
            // Six items per subtest and EAP shrinkage: about 0.6; no information at all gives 1.
            let rmse = (errors.map { $0 * $0 }.reduce(0, +) / Double(errors.count)).squareRoot()
            #expect(rmse < 0.8, "θ RMSE \(rmse)")

            var overall: [Double] = []
            var reported: [Double] = []
            for (token, sitting) in sittings {
                let result = try #require(try await app.call(.get, "/api/v1/tryout-sittings/\(sitting)", token: token).json["result"] as? [String: Any])
                overall.append(try #require(result["overall_score"] as? Double))
                reported.append(try #require(result["overall_percentile"] as? Double))
                #expect(result["sitters"] as? Int == 32)
            }
            for (score, percentile) in zip(overall, reported) {
                let below = overall.filter { $0 < score }.count, ties = overall.filter { $0 == score }.count
                let expected = ((Double(below) + Double(ties) / 2) / Double(overall.count) * 1000).rounded() / 10
                #expect(percentile == expected)
            }
        }
    }

    @Test("the server owns the clock: late answers are refused, expired blocks close, finished blocks stay closed, bad input changes nothing",
          arguments: TestDatabaseKind.allCases)
    func clockAndBadInput(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind, tryouts: Self.settings) { app in
            let driver = TryoutDriver(app: app)
            let event = try await driver.createEvent()
            let items = try await driver.items()
            let token = try await app.token("rina@genta.test")
            let sitting = try #require(try await app.call(.post, "/api/v1/tryouts/\(event)/sittings", token: token).json["id"] as? String)
            let again = try await app.call(.post, "/api/v1/tryouts/\(event)/sittings", token: token)
            #expect(again.status == .conflict)
            #expect((again.json["error"] as? [String: Any])?["code"] as? String == "sitting_exists")

            let block = try await app.call(.get, "/api/v1/tryout-sittings/\(sitting)/block", token: token)
            let questions = try #require(block.json["questions"] as? [[String: Any]]).compactMap { $0["id"] as? String }
            let first = questions[0]
            #expect(try await driver.save(token, sitting: sitting, question: first,
                fields: TryoutDriver.answerFields(items[first]!, correct: true), unsure: true, seconds: 45).status == .ok)
            let before = try await app.count("SELECT COUNT(*) AS n FROM tryout_answers")

            // Bad input: each a clear 4xx, nothing written.
            func code(_ response: (status: HTTPResponse.Status, json: [String: Any])) -> String? {
                (response.json["error"] as? [String: Any])?["code"] as? String
            }
            let formIDs = try await Self.formQuestionIDs(app)
            let stranger = try #require(items.keys.first { !formIDs.contains($0) })
            let notInForm = try await driver.save(token, sitting: sitting, question: stranger, fields: #""selected_answer":"A""#)
            #expect(notInForm.status == .notFound && code(notInForm) == "question_not_in_tryout")
            let later = try await Self.formQuestion(block: 4, app)
            let otherBlock = try await driver.save(token, sitting: sitting, question: later, fields: #""selected_answer":"A""#)
            #expect(otherBlock.status == .conflict && code(otherBlock) == "block_not_started")
            let huge = try await driver.save(token, sitting: sitting, question: first,
                fields: #""short_answer":"\#(String(repeating: "9", count: 10_240))""#)
            #expect(huge.status == .badRequest && code(huge) == "answer_too_long")
            if let complex = questions.first(where: { items[$0]?.format == .complexMultipleChoice }) {
                let missing = try await driver.save(token, sitting: sitting, question: complex, fields: #""statement_answers":["Benar"]"#)
                #expect(missing.status == .unprocessableContent && code(missing) == "answer_does_not_fit")
            }
            let intruder = try await app.token("intruder@genta.test")
            #expect(try await app.call(.get, "/api/v1/tryout-sittings/\(sitting)/block", token: intruder).status == .notFound)
            let review = try await app.call(.get, "/api/v1/tryout-sittings/\(sitting)/review", token: token)
            #expect(review.status == .conflict && code(review) == "tryout_in_progress")
            #expect(!containsKeyField(review.json))
            #expect(try await app.count("SELECT COUNT(*) AS n FROM tryout_answers") == before)

            // A reload (a new request, nothing from the client) finds the answer and the flag.
            let resumed = try #require(try await app.call(.get, "/api/v1/tryout-sittings/\(sitting)/block", token: token)
                .json["questions"] as? [[String: Any]]).first { $0["id"] as? String == first }
            #expect(resumed?["is_unsure"] as? Bool == true)
            #expect(resumed?["time_spent_seconds"] as? Int == 45)

            // Time is up for block 0 (300 s): the answer is refused, block 1 started at the deadline.
            app.clock.advance(seconds: 301)
            let late = try await driver.save(token, sitting: sitting, question: first, fields: #""selected_answer":"B""#)
            #expect(late.status == .conflict && code(late) == "block_closed")
            let state = try await app.call(.get, "/api/v1/tryout-sittings/\(sitting)", token: token).json
            let blocks = try #require(state["blocks"] as? [[String: Any]])
            #expect(blocks[0]["status"] as? String == "time_up")
            #expect(blocks[1]["status"] as? String == "open")
            #expect(blocks[1]["started_at"] as? String == blocks[0]["deadline"] as? String)
            #expect(state["current_block"] as? Int == 1)

            let finish = try await app.call(.post, "/api/v1/tryout-sittings/\(sitting)/blocks/1/finish", token: token)
            #expect(finish.status == .ok && finish.json["current_block"] as? Int == 2)
            let reopen = try await app.call(.post, "/api/v1/tryout-sittings/\(sitting)/blocks/1/finish", token: token)
            #expect(reopen.status == .conflict && code(reopen) == "block_closed")
        }
    }

    @Test("a student who never returns has every block closed and scored, and the answers move their ability",
          arguments: TestDatabaseKind.allCases)
    func abandoned(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind, tryouts: Self.settings) { app in
            let driver = TryoutDriver(app: app)
            let event = try await driver.createEvent()
            let items = try await driver.items()
            let token = try await app.token("hilang@genta.test")
            let (sitting, questions) = try await driver.startSitting(token, event: event)
            for question in questions.prefix(2) {
                _ = try await driver.save(token, sitting: sitting, question: question, fields: TryoutDriver.answerFields(items[question]!, correct: true))
            }
            #expect(try await driver.runOutTheClock() == 1)
            #expect(try await driver.runOutTheClock() == 0, "a scored sitting is not swept again")

            let state = try await app.call(.get, "/api/v1/tryout-sittings/\(sitting)", token: token).json
            #expect(state["status"] as? String == "finished")
            let blocks = try #require(state["blocks"] as? [[String: Any]])
            #expect(blocks.allSatisfy { $0["status"] as? String == "time_up" })
            let subtests = try #require((state["result"] as? [String: Any])?["subtests"] as? [[String: Any]])
            #expect(subtests.reduce(0) { $0 + ($1["blank_count"] as? Int ?? 0) } == TryoutDriver.shortExam.totalQuestions - 2)
            #expect(subtests.first?["correct_count"] as? Int == 2)

            let review = try await app.call(.get, "/api/v1/tryout-sittings/\(sitting)/review", token: token)
            #expect(review.status == .ok)
            #expect((review.json["items"] as? [Any])?.count == TryoutDriver.shortExam.totalQuestions)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM attempts") == 2, "answered questions become attempts; blanks do not")
            let readiness = try #require(try await app.call(.get, "/api/v1/readiness", token: token).json["sections"] as? [[String: Any]])
            #expect(readiness.first { $0["section"] as? String == "PU" }?["total_attempts_count"] as? Int == 2)
            let history = try #require(try await app.call(.get, "/api/v1/tryout-sittings", token: token).json["sittings"] as? [[String: Any]])
            #expect(history.count == 1 && (history[0]["subtests"] as? [Any])?.count == Section.allCases.count)
        }
    }

    @Test("free accounts get a monthly number of tryouts", arguments: [TestDatabaseKind.sqlite])
    func monthlyLimit(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind, tryouts: TryoutSettings(exam: TryoutDriver.shortExam, freeMonthlySittings: 1)) { app in
            let driver = TryoutDriver(app: app)
            let first = try await driver.createEvent(name: "Tryout A")
            let second = try await driver.createEvent(name: "Tryout B")
            let token = try await app.token("hemat@genta.test")
            #expect(try await app.call(.post, "/api/v1/tryouts/\(first)/sittings", token: token).status == .created)
            let refused = try await app.call(.post, "/api/v1/tryouts/\(second)/sittings", token: token)
            #expect(refused.status == .tooManyRequests)
            #expect((refused.json["error"] as? [String: Any])?["code"] as? String == "tryout_limit_reached")
            let student = try await app.token("siswa@genta.test")
            let forbidden = try await app.call(.post, "/api/v1/admin/tryouts", token: student,
                body: #"{"name":"x","opens_at":"2027-01-01T00:00:00Z","days":31}"#)
            #expect(forbidden.status == .forbidden)
        }
    }

    static func formQuestionIDs(_ app: PracticeHarness) async throws -> Set<String> {
        try await app.database.withConnection { db in
            Set(try await db.raw("SELECT question_id FROM tryout_form_items").all().map {
                try $0.decode(column: "question_id", as: UUID.self).uuidString.lowercased()
            })
        }
    }

    static func formQuestion(block: Int, _ app: PracticeHarness) async throws -> String {
        try await app.database.withConnection { db in
            try await db.raw("SELECT question_id FROM tryout_form_items WHERE block_position = \(bind: block) ORDER BY item_position")
                .first()!.decode(column: "question_id", as: UUID.self).uuidString.lowercased()
        }
    }
}
