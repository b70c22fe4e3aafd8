import Crypto
import Foundation
import GentaCore
import GentaServer
import GentaTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Synchronization
import Testing

/// Which documented operations answered with which statuses during a test.
final class ContractLog: Sendable {
    private let seen = Mutex<Set<String>>([])

    func record(_ operation: OpenAPIDocument.Operation, status: Int) {
        _ = seen.withLock { $0.insert("\(operation) \(status)") }
    }

    /// Operations (`GET /healthz`) that answered at least once with a 2xx status.
    var succeeded: Set<String> {
        seen.withLock { entries in
            Set(entries.compactMap { entry in
                guard let space = entry.lastIndex(of: " "), entry[entry.index(after: space)...].hasPrefix("2") else { return nil }
                return String(entry[..<space])
            })
        }
    }
}

@Suite("Contract: real responses against the served OpenAPI document")
struct ContractTests {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!

    static func code(_ json: JSONNode) -> String? {
        json["error"]?["code"]?.string
    }

    static let webhookSecret = "whsec_" + Data("genta-contract-tests-webhook-key!".utf8).base64EncodedString()

    /// The headers Svix sends with a delivery signed with `secret`.
    static func svixHeaders(id: String, body: String, at date: Date, secret: String = webhookSecret) -> [HTTPField.Name: String] {
        let timestamp = String(Int(date.timeIntervalSince1970))
        let key = SymmetricKey(data: Data(base64Encoded: String(secret.dropFirst("whsec_".count)))!)
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(id).\(timestamp).\(body)".utf8), using: key)
        return [
            HTTPField.Name("svix-id")!: id, HTTPField.Name("svix-timestamp")!: timestamp,
            HTTPField.Name("svix-signature")!: "v1,\(Data(mac).base64EncodedString())",
        ]
    }

    static func answer(question: String, session: String, letter: String, seconds: Int = 40) -> String {
        #"{"question_id":"\#(question)","session_id":"\#(session)","selected_answer":"\#(letter)","time_spent_seconds":\#(seconds)}"#
    }

    @Test("a student's whole flow matches the document, and every documented operation is exercised")
    func studentFlow() async throws {
        try await PracticeHarness.run(.sqlite, webhookSecret: Self.webhookSecret) { (app: PracticeHarness) async throws in
            let document = try await OpenAPIDocument.fetch(from: app.client)
            let log = ContractLog()
            let api = ContractClient(client: app.client, document: document, log: log)
            let token = try await app.token("siti@example.com")

            // Service endpoints.
            try await api.call(.get, "/openapi.yaml", expect: .ok)
            try await api.call(.get, "/healthz", expect: .ok)
            try await api.call(.get, "/readyz", expect: .ok)

            // Clerk's webhook: a signed delivery is acknowledged, a forged one refused.
            let event = #"{"object":"event","type":"session.created","timestamp":1,"data":{"id":"sess_1"}}"#
            let outcome = try await api.call(.post, "/webhooks/clerk", body: event,
                headers: Self.svixHeaders(id: "msg_contract_1", body: event, at: app.clock.now), expect: .ok)
            #expect(outcome["status"]?.string == "ignored")
            let forged = Self.svixHeaders(id: "msg_contract_2", body: event, at: app.clock.now,
                secret: "whsec_" + Data("somebody-else-entirely-0123456789".utf8).base64EncodedString())
            #expect(Self.code(try await api.call(.post, "/webhooks/clerk", body: event, headers: forged,
                expect: .unauthorized)) == "webhook_signature_invalid")

            // Signing in: no token, a broken token, a bearer token, the __session cookie.
            #expect(Self.code(try await api.call(.get, "/api/v1/me", expect: .unauthorized)) == "missing_token")
            #expect(Self.code(try await api.call(.get, "/api/v1/readiness", token: "not-a-jwt", expect: .unauthorized)) == "token_malformed")
            let me = try await api.call(.get, "/api/v1/me", token: token, expect: .ok)
            #expect(me["email"]?.string == "siti@example.com")
            #expect(me["onboarding_completed"] == .bool(false))
            #expect(me["target_score"] == nil, "unset goals are absent, not null")
            try await api.call(.get, "/api/v1/me", cookie: "theme=dark; __session=\(token)", expect: .ok)

            // Profile and goals.
            let renamed = try await api.call(.patch, "/api/v1/me", token: token,
                body: #"{"full_name":"Siti Rahma","study_hours_per_week":12}"#, expect: .ok)
            #expect(renamed["full_name"]?.string == "Siti Rahma")
            #expect(Self.code(try await api.call(.patch, "/api/v1/me", token: token, body: "{}", expect: .badRequest)) == "nothing_to_change")
            #expect(Self.code(try await api.call(.patch, "/api/v1/me", token: token, body: #"{"target_score":100}"#,
                expect: .unprocessableContent)) == "invalid_target_score")
            #expect(Self.code(try await api.call(.post, "/api/v1/users/onboarding", token: token, body: #"{"target_ptn":"UI"}"#,
                expect: .badRequest)) == "missing_field")
            #expect(Self.code(try await api.call(.post, "/api/v1/users/onboarding", token: token,
                body: #"{"target_ptn":"UI","target_score":650,"exam_date":"2026-01-01","study_hours_per_week":10}"#,
                expect: .unprocessableContent)) == "invalid_exam_date")
            let onboarded = try await api.call(.post, "/api/v1/users/onboarding", token: token,
                body: #"{"target_ptn":"Universitas Indonesia","target_score":650,"exam_date":"2027-05-01","study_hours_per_week":10}"#,
                expect: .ok)
            #expect(onboarded["onboarding_completed"] == .bool(true))
            #expect(onboarded["exam_date"]?.string == "2027-05-01")
            try await api.call(.get, "/api/v1/readiness", token: token, expect: .ok)

            // Sessions: one section, mixed (no body), and a bad section.
            let pu = try #require(try await api.call(.post, "/api/v1/sessions", token: token, body: #"{"section":"PU"}"#,
                expect: .created)["id"]?.string)
            let mixed = try #require(try await api.call(.post, "/api/v1/sessions", token: token, expect: .created)["id"]?.string)
            #expect(Self.code(try await api.call(.post, "/api/v1/sessions", token: token, body: #"{"section":"XX"}"#,
                expect: .badRequest)) == "invalid_section")

            // Next question: served without its key; the document forbids extra fields.
            let question = try await api.call(.get, "/api/v1/practice/next?session_id=\(pu)", token: token, expect: .ok)
            let questionID = try #require(question["id"]?.string)
            var leaked = try #require(question.object)
            leaked["correct_answer"] = .string("A")
            leaked["accepted_answers"] = .array([.string("1/2")])
            leaked["correct_statement_answers"] = .array([.string("Benar")])
            let questionSchema = JSONNode.object(["$ref": .string("#/components/schemas/Question")])
            #expect(Set(document.validator.violations(of: .object(leaked), against: questionSchema)) == [
                #"$: unexpected property "correct_answer""#, #"$: unexpected property "accepted_answers""#,
                #"$: unexpected property "correct_statement_answers""#,
            ], "the document forbids a served question any key field")
            #expect(Self.code(try await api.call(.get, "/api/v1/practice/next?session_id=\(mixed)", token: token,
                expect: .conflict)) == "section_required")
            #expect(Self.code(try await api.call(.get, "/api/v1/practice/next?section=PU", token: token,
                expect: .badRequest)) == "missing_field")
            #expect(Self.code(try await api.call(.get, "/api/v1/practice/next?session_id=\(UUID().uuidString.lowercased())&section=PU",
                token: token, expect: .notFound)) == "session_not_found")
            let pkQuestion = try await api.call(.get, "/api/v1/practice/next?session_id=\(mixed)&section=PK", token: token, expect: .ok)
            let pkQuestionID = try #require(pkQuestion["id"]?.string)

            // Answers: recorded, replayed, refused.
            let right = try await app.key(of: questionID).answer
            let body = Self.answer(question: questionID, session: pu, letter: right)
            let first = try await api.call(.post, "/api/v1/attempts", token: token, body: body,
                headers: [Self.idempotencyKey: "contract-1"], expect: .created)
            #expect(first["is_correct"] == .bool(true))
            let replay = try await api.call(.post, "/api/v1/attempts", token: token, body: body,
                headers: [Self.idempotencyKey: "contract-1"], expect: .created)
            #expect(replay == first, "an idempotent replay returns the same body")
            let other = right == "A" ? "B" : "A"
            #expect(Self.code(try await api.call(.post, "/api/v1/attempts", token: token,
                body: Self.answer(question: questionID, session: pu, letter: other),
                headers: [Self.idempotencyKey: "contract-1"], expect: .unprocessableContent)) == "idempotency_key_reused")
            #expect(Self.code(try await api.call(.post, "/api/v1/attempts", token: token,
                body: Self.answer(question: questionID, session: pu, letter: other),
                headers: [Self.idempotencyKey: "contract-2"], expect: .conflict)) == "already_answered")
            #expect(Self.code(try await api.call(.post, "/api/v1/attempts", token: token, body: body,
                expect: .badRequest)) == "idempotency_key_required")
            #expect(Self.code(try await api.call(.post, "/api/v1/attempts", token: token,
                body: Self.answer(question: questionID, session: pu, letter: "F"),
                headers: [Self.idempotencyKey: "contract-3"], expect: .badRequest)) == "invalid_selected_answer")
            #expect(Self.code(try await api.call(.post, "/api/v1/attempts", token: token,
                body: Self.answer(question: questionID, session: pu, letter: "A", seconds: 99_999),
                headers: [Self.idempotencyKey: "contract-4"], expect: .badRequest)) == "invalid_time_spent")
            let unserved = try await app.database.withConnection { db in
                try await db.raw("""
                    SELECT id FROM questions WHERE id <> \(bind: UUID(uuidString: questionID)!)
                      AND id <> \(bind: UUID(uuidString: pkQuestionID)!) LIMIT 1
                    """).first()!.decode(column: "id", as: UUID.self).uuidString.lowercased()
            }
            #expect(Self.code(try await api.call(.post, "/api/v1/attempts", token: token,
                body: Self.answer(question: unserved, session: pu, letter: "A"),
                headers: [Self.idempotencyKey: "contract-5"], expect: .conflict)) == "question_not_served")
            let wrong = try await app.wrongAnswer(for: pkQuestionID)
            let missed = try await api.call(.post, "/api/v1/attempts", token: token,
                body: Self.answer(question: pkQuestionID, session: mixed, letter: wrong, seconds: 75),
                headers: [Self.idempotencyKey: UUID().uuidString], expect: .created)
            #expect(missed["is_correct"] == .bool(false))

            // Sessions: list and page, statistics, unknown ids.
            let list = try await api.call(.get, "/api/v1/sessions", token: token, expect: .ok)
            #expect(list["sessions"]?.array?.count == 2)
            let page = try await api.call(.get, "/api/v1/sessions?limit=1&offset=1", token: token, expect: .ok)
            #expect(page["sessions"]?.array?.first?["id"]?.string == pu, "newest first")
            let newest = try await api.call(.get, "/api/v1/sessions?limit=1", token: token, expect: .ok)
            let sessionCursor = try #require(newest["next_cursor"]?.string)
            let older = try await api.call(.get, "/api/v1/sessions?limit=1&cursor=\(sessionCursor)", token: token, expect: .ok)
            #expect(older["sessions"]?.array?.first?["id"]?.string == pu)
            #expect(older["next_cursor"] == nil, "the last page says so")
            #expect(Self.code(try await api.call(.get, "/api/v1/sessions?cursor=nope", token: token, expect: .badRequest)) == "invalid_cursor")
            #expect(Self.code(try await api.call(.get, "/api/v1/sessions/\(pu)?limit=501", token: token,
                expect: .badRequest)) == "invalid_parameter")
            #expect(Self.code(try await api.call(.get, "/api/v1/sessions?limit=0", token: token, expect: .badRequest)) == "invalid_parameter")
            #expect(Self.code(try await api.call(.get, "/api/v1/sessions?limit=101", token: token, expect: .badRequest)) == "invalid_parameter")
            let statistics = try await api.call(.get, "/api/v1/sessions/\(pu)", token: token, expect: .ok)
            #expect(statistics["question_breakdown"]?.array?.count == 1)
            try await api.call(.get, "/api/v1/sessions/\(mixed)", token: token, expect: .ok)
            #expect(Self.code(try await api.call(.get, "/api/v1/sessions/\(UUID().uuidString.lowercased())", token: token,
                expect: .notFound)) == "session_not_found")
            #expect(Self.code(try await api.call(.get, "/api/v1/sessions/not-a-session", token: token,
                expect: .badRequest)) == "invalid_id")

            // History: all, one per page with a cursor, mistakes only, a bad cursor.
            let history = try await api.call(.get, "/api/v1/attempts", token: token, expect: .ok)
            #expect(history["attempts"]?.array?.count == 2)
            #expect(history["next_cursor"] == nil)
            let firstPage = try await api.call(.get, "/api/v1/attempts?limit=1", token: token, expect: .ok)
            let cursor = try #require(firstPage["next_cursor"]?.string)
            let secondPage = try await api.call(.get, "/api/v1/attempts?limit=1&cursor=\(cursor)", token: token, expect: .ok)
            #expect(secondPage["attempts"]?.array?.first?["question_id"]?.string == questionID)
            let mistakes = try await api.call(.get, "/api/v1/attempts?is_correct=false&section=PK", token: token, expect: .ok)
            #expect(mistakes["attempts"]?.array?.compactMap { $0["question_id"]?.string } == [pkQuestionID])
            #expect(Self.code(try await api.call(.get, "/api/v1/attempts?cursor=nope", token: token, expect: .badRequest)) == "invalid_cursor")

            // Readiness after practice.
            let readiness = try await api.call(.get, "/api/v1/readiness", token: token, expect: .ok)
            #expect(readiness["sections"]?.array?.compactMap { $0["section"]?.string } == Section.allCases.map(\.rawValue))
            #expect(readiness["target_score"] == .number(650))

            // Bodies over 64 KiB are refused before they are parsed.
            let padding = String(repeating: "x", count: 70_000)
            #expect(Self.code(try await api.call(.post, "/api/v1/sessions", token: token,
                body: #"{"section":"PU","padding":"\#(padding)"}"#, expect: .contentTooLarge)) == "body_too_large")

            // AI feedback: written once (no model is configured, so the template writes it),
            // returned again, refused for bad input and for other students' answers.
            let attemptID = try #require(first["id"]?.string)
            let missedID = try #require(missed["id"]?.string)
            let noneRated = try await api.call(.get, "/api/v1/feedback", token: token, expect: .ok)
            #expect(noneRated["feedback"] == .array([]), "unrated feedback is not listed")
            let feedback = try await api.call(.post, "/api/v1/attempts/\(attemptID)/feedback", token: token, expect: .created)
            #expect(feedback["attempt_id"]?.string == attemptID)
            #expect(feedback["model_used"]?.string == "template")
            #expect(feedback["feedback_lang"]?.string == "id")
            #expect(feedback["is_helpful"] == nil, "unrated: absent, not null")
            #expect(feedback["note"] == nil)
            let feedbackID = try #require(feedback["id"]?.string)
            let stored = try await api.call(.post, "/api/v1/attempts/\(attemptID)/feedback", token: token,
                body: #"{"lang":"en"}"#, expect: .ok)
            #expect(stored == feedback, "asking again returns the stored feedback, whatever lang says")
            let english = try await api.call(.post, "/api/v1/attempts/\(missedID)/feedback", token: token,
                body: #"{"lang":"en"}"#, expect: .created)
            #expect(english["feedback_lang"]?.string == "en")
            #expect(Self.code(try await api.call(.post, "/api/v1/attempts/\(missedID)/feedback", token: token,
                body: #"{"lang":"fr"}"#, expect: .badRequest)) == "invalid_lang")
            #expect(Self.code(try await api.call(.post, "/api/v1/attempts/\(missedID)/feedback", token: token,
                body: #"{"lang":"#, expect: .badRequest)) == "invalid_json")
            #expect(Self.code(try await api.call(.post, "/api/v1/attempts/\(missedID)/feedback", token: token,
                body: #"{"lang":"\#(padding)"}"#, expect: .contentTooLarge)) == "body_too_large")
            #expect(Self.code(try await api.call(.post, "/api/v1/attempts/not-an-attempt/feedback", token: token,
                expect: .badRequest)) == "invalid_id")
            #expect(Self.code(try await api.call(.post, "/api/v1/attempts/\(UUID().uuidString.lowercased())/feedback", token: token,
                expect: .notFound)) == "attempt_not_found")
            let bayu = try await app.token("bayu@example.com")
            #expect(Self.code(try await api.call(.post, "/api/v1/attempts/\(attemptID)/feedback", token: bayu,
                expect: .notFound)) == "attempt_not_found")

            // Rating it, changing the rating, and the rated history.
            let rated = try await api.call(.post, "/api/v1/feedback/\(feedbackID)/rating", token: token,
                body: #"{"helpful":false}"#, expect: .ok)
            #expect(rated["is_helpful"] == .bool(false))
            let rerated = try await api.call(.post, "/api/v1/feedback/\(feedbackID)/rating", token: token,
                body: #"{"helpful":true}"#, expect: .ok)
            #expect(rerated["is_helpful"] == .bool(true))
            #expect(rerated["id"]?.string == feedbackID)
            #expect(Self.code(try await api.call(.post, "/api/v1/feedback/\(feedbackID)/rating", token: token,
                body: #"{"helpful":"yes"}"#, expect: .badRequest)) == "invalid_field")
            #expect(Self.code(try await api.call(.post, "/api/v1/feedback/\(feedbackID)/rating", token: token,
                body: "{}", expect: .badRequest)) == "missing_field")
            #expect(Self.code(try await api.call(.post, "/api/v1/feedback/\(feedbackID)/rating", token: token,
                expect: .badRequest)) == "body_required")
            #expect(Self.code(try await api.call(.post, "/api/v1/feedback/not-feedback/rating", token: token,
                body: #"{"helpful":true}"#, expect: .badRequest)) == "invalid_id")
            #expect(Self.code(try await api.call(.post, "/api/v1/feedback/\(feedbackID)/rating", token: bayu,
                body: #"{"helpful":false}"#, expect: .notFound)) == "feedback_not_found")
            let ratedHistory = try await api.call(.get, "/api/v1/feedback", token: token, expect: .ok)
            let ratedEntries = try #require(ratedHistory["feedback"]?.array)
            #expect(ratedEntries.count == 1, "only rated feedback is listed")
            #expect(ratedEntries.first?["feedback"]?["id"]?.string == feedbackID)
            #expect(ratedEntries.first?["feedback"]?["is_helpful"] == .bool(true))
            #expect(ratedEntries.first?["selected_answer"]?.string == right)
            #expect(ratedEntries.first?["is_correct"] == .bool(true))
            try await api.call(.get, "/api/v1/feedback?limit=1", token: token, expect: .ok)
            #expect(Self.code(try await api.call(.get, "/api/v1/feedback?limit=0", token: token, expect: .badRequest)) == "invalid_parameter")
            #expect(try await api.call(.get, "/api/v1/feedback", token: bayu, expect: .ok)["feedback"] == .array([]))

            // The operators' cost report: administrators only.
            #expect(Self.code(try await api.call(.get, "/api/v1/admin/llm-cost", token: token, expect: .forbidden)) == "admin_only")
            let admin = try await app.token("ops@genta.id", role: .admin)
            let report = try await api.call(.get, "/api/v1/admin/llm-cost", token: admin, expect: .ok)
            _ = try await JobsCommand.run("prune", configuration: AppConfiguration(), database: app.database, logger: TestDatabase.logger)
            let jobs = try await api.call(.get, "/api/v1/admin/jobs?limit=5", token: admin, expect: .ok)
            #expect(jobs["runs"]?.array?.first?["job"]?.string == "prune")
            #expect(Self.code(try await api.call(.get, "/api/v1/admin/jobs", token: token, expect: .forbidden)) == "admin_only")
            try await api.call(.get, "/api/v1/admin/error-logs?severity=critical&limit=5", token: admin, expect: .ok)
            _ = try await JobsCommand.run("refresh-analytics", configuration: AppConfiguration(), database: app.database, logger: TestDatabase.logger)
            let activity = try await api.call(.get, "/api/v1/admin/analytics/activity?days=7", token: admin, expect: .ok)
            #expect(activity["days"]?.array?.first?["active_students"] != nil)
            try await api.call(.get, "/api/v1/admin/analytics/growth?weeks=4", token: admin, expect: .ok)
            try await api.call(.get, "/api/v1/admin/analytics/retention", token: admin, expect: .ok)
            #expect(Self.code(try await api.call(.get, "/api/v1/admin/analytics/growth", token: token, expect: .forbidden)) == "admin_only")
            #expect(report["days"] == .number(30))
            #expect(report["total_cost_usd"] == .number(0), "the template costs nothing")
            let costRows = try #require(report["by_day_and_model"]?.array)
            #expect(costRows.count == 1)
            #expect(costRows.first?["model_used"]?.string == "template")
            #expect(costRows.first?["feedback_count"] == .number(2))
            #expect(costRows.first?["helpful_rate"] == .number(1), "the one rated feedback helped")
            let versions = try #require(report["by_prompt_version"]?.array)
            #expect(versions.compactMap { $0["prompt_version"]?.string } == ["en-v1", "id-v1"])
            #expect(versions.first?["rated_count"] == .number(0))
            #expect(versions.first?["helpful_rate"] == nil, "nothing rated: absent, not null")
            let today = try await api.call(.get, "/api/v1/admin/llm-cost?days=1", token: admin, expect: .ok)
            #expect(today["by_day_and_model"]?.array?.count == 1)
            #expect(Self.code(try await api.call(.get, "/api/v1/admin/llm-cost?days=0", token: admin,
                expect: .badRequest)) == "invalid_parameter")
            #expect(Self.code(try await api.call(.get, "/api/v1/admin/llm-cost?days=367", token: admin,
                expect: .badRequest)) == "invalid_parameter")

            // An empty session, and ending sessions.
            let empty = try #require(try await api.call(.post, "/api/v1/sessions", token: token, body: #"{"section":"PBM"}"#,
                expect: .created)["id"]?.string)
            let emptyStatistics = try await api.call(.get, "/api/v1/sessions/\(empty)", token: token, expect: .ok)
            #expect(emptyStatistics["accuracy_percentage"] == nil, "no answers, no accuracy")
            let pending = try #require(try await api.call(.get, "/api/v1/practice/next?session_id=\(empty)", token: token,
                expect: .ok)["id"]?.string)
            let ended = try await api.call(.post, "/api/v1/sessions/\(empty)/end", token: token, expect: .ok)
            #expect(ended["ended_at"]?.string != nil)
            #expect(Self.code(try await api.call(.post, "/api/v1/sessions/\(empty)/end", token: token, expect: .conflict)) == "session_ended")
            #expect(Self.code(try await api.call(.get, "/api/v1/practice/next?session_id=\(empty)", token: token,
                expect: .conflict)) == "session_ended")
            #expect(Self.code(try await api.call(.post, "/api/v1/attempts", token: token,
                body: Self.answer(question: pending, session: empty, letter: "A"),
                headers: [Self.idempotencyKey: "contract-6"], expect: .conflict)) == "session_ended")
            #expect(Self.code(try await api.call(.post, "/api/v1/sessions/\(UUID().uuidString.lowercased())/end", token: token,
                expect: .notFound)) == "session_not_found")
            try await api.call(.post, "/api/v1/sessions/\(pu)/end", token: token, expect: .ok)

            // Metrics last, so they list the route of every request above.
            let metrics = try #require(try await api.call(.get, "/metrics", expect: .ok).string)
            let documented = Set(document.operations.map(\.description))
            for line in metrics.split(separator: "\n") where line.hasPrefix("genta_http_requests_total{") {
                guard let match = line.firstMatch(of: /route="([^"]*)",method="([^"]*)"/), match.1 != "NotFound" else { continue }
                #expect(documented.contains("\(match.2) \(match.1)"), "the server routed \(match.2) \(match.1), which is not documented")
            }

            // The document and the server cannot drift: every operation answered with a 2xx (the
            // tryout, payment and content operations in their own flows, ContractTests+Tryouts.swift,
            // ContractTests+Payments.swift and ContractTests+Content.swift).
            let missing = documented.subtracting(log.succeeded).subtracting(Self.tryoutOperations(document))
                .subtracting(Self.paymentOperations(document)).subtracting(Self.contentOperations(document))
            #expect(missing.isEmpty, "documented but never answered with a 2xx: \(missing.sorted())")
        }
    }
}
