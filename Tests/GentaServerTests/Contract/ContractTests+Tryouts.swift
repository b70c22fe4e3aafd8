import Foundation
import GentaCore
import GentaServer
import GentaTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Tryouts against the document: an administrator assembles an event, a student sits it block
/// by block to the end and reviews it, and every tryout operation answers with a 2xx.
extension ContractTests {
    /// The documented tryout operations (`GET /api/v1/tryouts`, …): the Tryouts tag and the
    /// administrators' assembly.
    static func tryoutOperations(_ document: OpenAPIDocument) -> Set<String> {
        Set(document.operations.filter { operation in
            operation.node["tags"]?.array?.contains(.string("Tryouts")) == true || operation.template == "/api/v1/admin/tryouts"
        }.map(\.description))
    }

    /// Whether any object inside `json` has a field that gives a key away (`keyFields`).
    static func carriesKey(_ json: JSONNode) -> Bool {
        switch json {
        case .object(let members): members.keys.contains(where: keyFields.contains) || members.values.contains(where: carriesKey)
        case .array(let items): items.contains(where: carriesKey)
        default: false
        }
    }

    /// A save's body: the answer fields (none clears the answer), the flag and the seconds.
    static func tryoutAnswer(_ fields: String, unsure: Bool = false, seconds: Int = 30) -> String {
        "{" + [fields, #""is_unsure":\#(unsure)"#, #""time_spent_seconds":\#(seconds)"#].filter { !$0.isEmpty }.joined(separator: ",") + "}"
    }

    @Test("a tryout from assembly to review matches the document, and every tryout operation is exercised")
    func tryoutFlow() async throws {
        try await PracticeHarness.run(.sqlite, tryouts: TryoutSettings(exam: TryoutDriver.shortExam)) { app in
            let document = try await OpenAPIDocument.fetch(from: app.client)
            let log = ContractLog()
            let api = ContractClient(client: app.client, document: document, log: log)
            let items = try await TryoutDriver(app: app).items()
            let exam = TryoutDriver.shortExam.timedBlocks
            let token = try await app.token("dewi@example.com")
            let admin = try await app.token("ops@genta.id", role: .admin)

            // Assembly: administrators only, a window that makes sense, then the event.
            let iso = ISO8601DateFormatter()
            let opens = iso.string(from: app.clock.now.addingTimeInterval(-3600))
            let closes = iso.string(from: app.clock.now.addingTimeInterval(7 * 86_400))
            let window = #"{"name":"Tryout Kontrak","opens_at":"\#(opens)","days":8}"#
            #expect(Self.code(try await api.call(.post, "/api/v1/admin/tryouts", token: token, body: window,
                expect: .forbidden)) == "admin_only")
            #expect(Self.code(try await api.call(.post, "/api/v1/admin/tryouts", token: admin,
                body: #"{"name":"Terlalu lama","opens_at":"\#(opens)","days":400}"#, expect: .badRequest)) == "invalid_field")
            #expect(Self.code(try await api.call(.post, "/api/v1/admin/tryouts", token: admin,
                body: #"{"name":"Besok","opens_at":"besok","days":7}"#, expect: .badRequest)) == "invalid_field")
            #expect(Self.code(try await api.call(.post, "/api/v1/admin/tryouts", token: admin,
                body: #"{"name":"  ","opens_at":"\#(opens)","days":7}"#, expect: .badRequest)) == "invalid_name")
            #expect(Self.code(try await api.call(.post, "/api/v1/admin/tryouts", token: admin,
                body: #"{"name":"Tanpa waktu"}"#, expect: .badRequest)) == "missing_field")
            let assembled = try await api.call(.post, "/api/v1/admin/tryouts", token: admin, body: window, expect: .created)
            let event = try #require(assembled["tryout"]?["id"]?.string)
            #expect(assembled["tryout"]?["sitting_id"] == nil, "an administrator's event has no sitting: absent, not null")
            let formBlocks = try #require(assembled["blocks"]?.array)
            #expect(formBlocks.count == exam.count)
            let form = Set(formBlocks.flatMap { $0["question_ids"]?.array?.compactMap(\.string) ?? [] })
            #expect(form.count == TryoutDriver.shortExam.totalQuestions)
            let laterQuestion = try #require(formBlocks[1]["question_ids"]?.array?.first?.string)
            let outsider = try #require(items.keys.first { !form.contains($0) })
            let future = try await api.call(.post, "/api/v1/admin/tryouts", token: admin,
                body: #"{"name":"Tryout Depan","opens_at":"\#(closes)","days":30}"#, expect: .created)
            let notYetOpen = try #require(future["tryout"]?["id"]?.string)

            // The list: the open event, not started yet; the future one is not listed.
            let list = try await api.call(.get, "/api/v1/tryouts", token: token, expect: .ok)
            let listed = try #require(list["tryouts"]?.array?.first(where: { $0["id"]?.string == event }))
            #expect(listed["sitting_id"] == nil && listed["sitting_finished"] == nil, "no sitting: absent, not null")
            #expect(listed["total_questions"] == .number(Double(TryoutDriver.shortExam.totalQuestions)))
            #expect(list["tryouts"]?.array?.contains(where: { $0["id"]?.string == notYetOpen }) == false)

            // Starting: unknown and closed events, the start, a second start naming the sitting.
            #expect(Self.code(try await api.call(.post, "/api/v1/tryouts/not-a-tryout/sittings", token: token,
                expect: .badRequest)) == "invalid_id")
            #expect(Self.code(try await api.call(.post, "/api/v1/tryouts/\(UUID().uuidString.lowercased())/sittings", token: token,
                expect: .notFound)) == "tryout_not_found")
            #expect(Self.code(try await api.call(.post, "/api/v1/tryouts/\(notYetOpen)/sittings", token: token,
                expect: .conflict)) == "tryout_not_open")
            let started = try await api.call(.post, "/api/v1/tryouts/\(event)/sittings", token: token, expect: .created)
            let sitting = try #require(started["id"]?.string)
            #expect(started["status"]?.string == "in_progress")
            #expect(started["current_block"] == .number(0))
            #expect(started["result"] == nil && started["finished_at"] == nil, "in progress: absent, not null")
            let again = try await api.call(.post, "/api/v1/tryouts/\(event)/sittings", token: token, expect: .conflict)
            #expect(Self.code(again) == "sitting_exists")
            #expect(again["error"]?["details"]?["sitting_id"]?.string == sitting)
            let resumable = try await api.call(.get, "/api/v1/tryouts", token: token, expect: .ok)
            let mine = resumable["tryouts"]?.array?.first(where: { $0["id"]?.string == event })
            #expect(mine?["sitting_id"]?.string == sitting)
            #expect(mine?["sitting_finished"] == .bool(false))

            // History and state while it runs; the review stays shut.
            let running = try await api.call(.get, "/api/v1/tryout-sittings?limit=5", token: token, expect: .ok)
            #expect(running["sittings"]?.array?.compactMap { $0["id"]?.string } == [sitting])
            #expect(running["sittings"]?.array?.first?["overall_score"] == nil, "not scored yet: absent")
            #expect(Self.code(try await api.call(.get, "/api/v1/tryout-sittings?limit=0", token: token,
                expect: .badRequest)) == "invalid_parameter")
            let state = try await api.call(.get, "/api/v1/tryout-sittings/\(sitting)", token: token, expect: .ok)
            let blocks = try #require(state["blocks"]?.array)
            #expect(blocks.compactMap { $0["status"]?.string } == ["open"] + Array(repeating: "not_started", count: exam.count - 1))
            #expect(blocks.first?["deadline"]?.string != nil)
            #expect(blocks.dropFirst().allSatisfy { $0["deadline"] == nil && $0["started_at"] == nil })
            #expect(Self.code(try await api.call(.get, "/api/v1/tryout-sittings/not-a-sitting", token: token,
                expect: .badRequest)) == "invalid_id")
            #expect(Self.code(try await api.call(.get, "/api/v1/tryout-sittings/\(UUID().uuidString.lowercased())", token: token,
                expect: .notFound)) == "sitting_not_found")
            let stranger = try await app.token("orang.lain@example.com")
            #expect(Self.code(try await api.call(.get, "/api/v1/tryout-sittings/\(sitting)", token: stranger,
                expect: .notFound)) == "sitting_not_found")
            let early = try await api.call(.get, "/api/v1/tryout-sittings/\(sitting)/review", token: token, expect: .conflict)
            #expect(Self.code(early) == "tryout_in_progress")
            #expect(!Self.carriesKey(early))

            // Block by block: every question answered in its own format, right and wrong in turn.
            var expected: [String: Bool] = [:]
            var formats: Set<String> = []
            var lastQuestion = ""
            for (index, timed) in exam.enumerated() {
                let block = try await api.call(.get, "/api/v1/tryout-sittings/\(sitting)/block", token: token, expect: .ok)
                #expect(block["position"] == .number(Double(index)))
                #expect(!Self.carriesKey(block), "an open block never carries a key")
                let questions = try #require(block["questions"]?.array)
                #expect(questions.count == timed.questions)
                let passages = Set(block["passages"]?.array?.compactMap { $0["id"]?.string } ?? [])
                for (offset, question) in questions.enumerated() {
                    let id = try #require(question["id"]?.string)
                    let item = try #require(items[id])
                    #expect(question["format"]?.string == item.format.rawValue)
                    if let passage = question["passage_id"]?.string { #expect(passages.contains(passage)) }
                    formats.insert(item.format.rawValue)
                    let correct = offset % 2 == 0
                    expected[id] = correct
                    let saved = try await api.call(.put, "/api/v1/tryout-sittings/\(sitting)/answers/\(id)", token: token,
                        body: Self.tryoutAnswer(TryoutDriver.answerFields(item, correct: correct), seconds: 20 + offset), expect: .ok)
                    #expect(saved["block_position"] == .number(Double(index)))
                    #expect(saved["time_spent_seconds"] == .number(Double(20 + offset)))
                    #expect(!Self.carriesKey(saved))
                    lastQuestion = id
                }
                guard index == 0 else {
                    let finished = try await api.call(.post, "/api/v1/tryout-sittings/\(sitting)/blocks/\(index)/finish", token: token,
                        expect: .ok)
                    #expect(finished["blocks"]?.array?[index]["status"]?.string == "finished")
                    if index < exam.count - 1 {
                        #expect(finished["current_block"] == .number(Double(index + 1)), "the next block starts at once")
                        #expect(!Self.carriesKey(finished))
                    } else {
                        #expect(finished["status"]?.string == "finished")
                        #expect(finished["current_block"] == nil)
                        #expect(finished["result"]?["subtests"]?.array?.count == Section.allCases.count)
                    }
                    continue
                }

                // The first block: clearing, the unsure flag, the time cap, and every way a save goes wrong.
                let first = try #require(questions.first?["id"]?.string)
                let firstItem = try #require(items[first])
                let answers = "/api/v1/tryout-sittings/\(sitting)/answers/\(first)"
                let cleared = try await api.call(.put, answers, token: token, body: #"{"is_unsure":true}"#, expect: .ok)
                #expect(cleared["selected_answer"] == nil && cleared["statement_answers"] == nil && cleared["short_answer"] == nil)
                #expect(cleared["is_unsure"] == .bool(true))
                let counted = try await api.call(.get, "/api/v1/tryout-sittings/\(sitting)", token: token, expect: .ok)
                #expect(counted["blocks"]?.array?.first?["answered_count"] == .number(Double(timed.questions - 1)))
                let capped = try await api.call(.put, answers, token: token,
                    body: Self.tryoutAnswer(TryoutDriver.answerFields(firstItem, correct: true), unsure: true, seconds: 86_400), expect: .ok)
                #expect(capped["time_spent_seconds"] == .number(Double(timed.seconds)), "stored at most the block's length")
                let elevenLabels = Array(repeating: "\"Benar\"", count: 11).joined(separator: ",")
                let badBodies: [(String?, String)] = [
                    (#"{"selected_answer":"A","short_answer":"1"}"#, "ambiguous_answer"),
                    (#"{"selected_answer":"F"}"#, "invalid_selected_answer"),
                    (#"{"statement_answers":[\#(elevenLabels)]}"#, "invalid_statement_answers"),
                    (#"{"short_answer":"   "}"#, "empty_answer"),
                    (#"{"short_answer":"\#(String(repeating: "9", count: 201))"}"#, "answer_too_long"),
                    (#"{"short_answer":"1\u00002"}"#, "control_character"),
                    (#"{"time_spent_seconds":-1}"#, "invalid_time_spent"),
                    (#"{"time_spent_seconds":86401}"#, "invalid_time_spent"),
                    (#"{"is_unsure":"yes"}"#, "invalid_field"),
                    (#"{"selected_answer":"#, "invalid_json"),
                    (nil, "body_required"),
                ]
                for (body, code) in badBodies {
                    #expect(Self.code(try await api.call(.put, answers, token: token, body: body, expect: .badRequest)) == code)
                }
                #expect(Self.code(try await api.call(.put, "/api/v1/tryout-sittings/\(sitting)/answers/nope", token: token,
                    body: #"{"selected_answer":"A"}"#, expect: .badRequest)) == "invalid_id")
                let misfit = firstItem.format == .multipleChoice ? #"{"short_answer":"1"}"# : #"{"selected_answer":"A"}"#
                #expect(Self.code(try await api.call(.put, answers, token: token, body: misfit,
                    expect: .unprocessableContent)) == "answer_does_not_fit")
                #expect(Self.code(try await api.call(.put, "/api/v1/tryout-sittings/\(sitting)/answers/\(outsider)", token: token,
                    body: #"{"selected_answer":"A"}"#, expect: .notFound)) == "question_not_in_tryout")
                #expect(Self.code(try await api.call(.put, "/api/v1/tryout-sittings/\(sitting)/answers/\(laterQuestion)", token: token,
                    body: #"{"selected_answer":"A"}"#, expect: .conflict)) == "block_not_started")
                #expect(Self.code(try await api.call(.put, "/api/v1/tryout-sittings/\(UUID().uuidString.lowercased())/answers/\(first)",
                    token: token, body: #"{"selected_answer":"A"}"#, expect: .notFound)) == "sitting_not_found")
                #expect(Self.code(try await api.call(.post, "/api/v1/tryout-sittings/\(sitting)/blocks/x/finish", token: token,
                    expect: .badRequest)) == "invalid_parameter")
                #expect(Self.code(try await api.call(.post, "/api/v1/tryout-sittings/\(sitting)/blocks/99/finish", token: token,
                    expect: .notFound)) == "block_not_found")
                #expect(Self.code(try await api.call(.post, "/api/v1/tryout-sittings/\(sitting)/blocks/1/finish", token: token,
                    expect: .conflict)) == "block_not_started")

                // A reload finds what was saved, bad requests changed nothing.
                let reloaded = try await api.call(.get, "/api/v1/tryout-sittings/\(sitting)/block", token: token, expect: .ok)
                let resumed = reloaded["questions"]?.array?.first(where: { $0["id"]?.string == first })
                #expect(resumed?["is_unsure"] == .bool(true))
                #expect(resumed?["time_spent_seconds"] == .number(Double(timed.seconds)))
                #expect([resumed?["selected_answer"], resumed?["statement_answers"], resumed?["short_answer"]].compactMap { $0 }.count == 1,
                    "exactly one answer field")

                // The server's clock: past the deadline the block is closed, and the next one
                // started at that deadline.
                app.clock.advance(seconds: Double(timed.seconds) + 1)
                #expect(Self.code(try await api.call(.put, answers, token: token,
                    body: Self.tryoutAnswer(TryoutDriver.answerFields(firstItem, correct: false)), expect: .conflict)) == "block_closed")
                let afterDeadline = try await api.call(.get, "/api/v1/tryout-sittings/\(sitting)", token: token, expect: .ok)
                let timeline = try #require(afterDeadline["blocks"]?.array)
                #expect(timeline[0]["status"]?.string == "time_up")
                #expect(timeline[0]["ended_at"] == timeline[0]["deadline"])
                #expect(timeline[1]["status"]?.string == "open")
                #expect(timeline[1]["started_at"] == timeline[0]["deadline"])
                #expect(afterDeadline["current_block"] == .number(1))
                #expect(Self.code(try await api.call(.post, "/api/v1/tryout-sittings/\(sitting)/blocks/0/finish", token: token,
                    expect: .conflict)) == "block_closed")
            }
            #expect(formats.contains(QuestionFormat.multipleChoice.rawValue))

            // The end: nothing more is taken, the scores and the review are there.
            #expect(Self.code(try await api.call(.get, "/api/v1/tryout-sittings/\(sitting)/block", token: token,
                expect: .conflict)) == "sitting_finished")
            #expect(Self.code(try await api.call(.put, "/api/v1/tryout-sittings/\(sitting)/answers/\(lastQuestion)", token: token,
                body: #"{"selected_answer":"A"}"#, expect: .conflict)) == "sitting_finished")
            #expect(Self.code(try await api.call(.post, "/api/v1/tryout-sittings/\(sitting)/blocks/0/finish", token: token,
                expect: .conflict)) == "sitting_finished")
            let over = try await api.call(.get, "/api/v1/tryout-sittings/\(sitting)", token: token, expect: .ok)
            #expect(over["status"]?.string == "finished")
            #expect(over["finished_at"]?.string != nil)
            let result = try #require(over["result"])
            #expect(result["sitters"] == .number(1))
            #expect(result["overall_percentile"] == nil, "one sitter: no percentile")
            let subtests = try #require(result["subtests"]?.array)
            #expect(subtests.compactMap { $0["section"]?.string } == Section.allCases.map(\.rawValue))
            #expect(subtests.reduce(0) { $0 + Int($1["correct_count"]?.number ?? 0) } == expected.values.filter { $0 }.count)
            #expect(subtests.allSatisfy { $0["blank_count"] == .number(0) && $0["percentile"] == nil })

            let review = try await api.call(.get, "/api/v1/tryout-sittings/\(sitting)/review", token: token, expect: .ok)
            #expect(review["sitting"]?["status"]?.string == "finished")
            let reviewed = try #require(review["items"]?.array)
            #expect(reviewed.count == TryoutDriver.shortExam.totalQuestions)
            for item in reviewed {
                let id = try #require(item["question"]?["id"]?.string)
                let right = try #require(expected[id] as Bool?)
                #expect(item["is_correct"] == .bool(right), "question \(id)")
                let keys = ["correct_answer", "correct_statement_answers", "accepted_answers"].filter { item[$0] != nil }
                #expect(keys.count == 1, "one key, in the question's format: \(keys)")
            }
            let reviewPassages = Set(review["passages"]?.array?.compactMap { $0["id"]?.string } ?? [])
            for item in reviewed {
                if let passage = item["question"]?["passage_id"]?.string { #expect(reviewPassages.contains(passage)) }
            }

            let history = try await api.call(.get, "/api/v1/tryout-sittings", token: token, expect: .ok)
            let entry = try #require(history["sittings"]?.array?.first)
            #expect(entry["overall_score"] == result["overall_score"])
            #expect(entry["subtests"]?.array?.count == Section.allCases.count)
            let listedAfter = try await api.call(.get, "/api/v1/tryouts", token: token, expect: .ok)
            #expect(listedAfter["tryouts"]?.array?.first(where: { $0["id"]?.string == event })?["sitting_finished"] == .bool(true))

            // Metrics last: every route the server took above is documented.
            let metrics = try #require(try await api.call(.get, "/metrics", expect: .ok).string)
            let documented = Set(document.operations.map(\.description))
            for line in metrics.split(separator: "\n") where line.hasPrefix("genta_http_requests_total{") {
                guard let match = line.firstMatch(of: /route="([^"]*)",method="([^"]*)"/), match.1 != "NotFound" else { continue }
                #expect(documented.contains("\(match.2) \(match.1)"), "the server routed \(match.2) \(match.1), which is not documented")
            }

            // The tryout part of the document cannot drift: each of its operations answered with a 2xx.
            let tryoutOperations = Self.tryoutOperations(document)
            #expect(tryoutOperations.count == 9)
            let missing = tryoutOperations.subtracting(log.succeeded)
            #expect(missing.isEmpty, "documented but never answered with a 2xx: \(missing.sorted())")
        }
    }
}
