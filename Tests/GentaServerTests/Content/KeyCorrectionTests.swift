import Foundation
import GentaCore
@testable import GentaServer
@testable import GentaStore
import GentaTestSupport
import HTTPTypes
import SQLKit
import Synchronization
import Testing

/// A key correction must leave every student exactly where they would be had the key always
/// been right: the same test plays the same answers at the same times into two databases — one
/// with a miskeyed question corrected afterwards, one keyed right from the start — and compares.
@Suite("Key corrections: regrading and replaying ability")
struct KeyCorrectionTests {
    /// How a planned answer relates to the key: right, the wrong key's letter, or another letter.
    enum Choice { case right, miskey, other }

    struct Answer {
        var student: Int
        var question: Int
        var choice: Choice
        var hoursLater: Double
        var newSession = false
    }

    /// Question 2 is the one keyed wrong in the first world.
    static let corrected = 2
    static let plan: [Answer] = [
        Answer(student: 0, question: 0, choice: .right, hoursLater: 0),
        Answer(student: 1, question: 3, choice: .other, hoursLater: 0.5),
        Answer(student: 0, question: 2, choice: .right, hoursLater: 1),
        Answer(student: 2, question: 2, choice: .miskey, hoursLater: 2),
        Answer(student: 0, question: 1, choice: .other, hoursLater: 30),
        Answer(student: 1, question: 2, choice: .right, hoursLater: 31),
        Answer(student: 3, question: 1, choice: .right, hoursLater: 32),
        Answer(student: 2, question: 5, choice: .right, hoursLater: 50),
        Answer(student: 0, question: 4, choice: .right, hoursLater: 75),
        Answer(student: 1, question: 4, choice: .right, hoursLater: 76),
        Answer(student: 2, question: 0, choice: .other, hoursLater: 100),
        Answer(student: 3, question: 4, choice: .other, hoursLater: 101),
        Answer(student: 0, question: 2, choice: .right, hoursLater: 240, newSession: true),
        Answer(student: 0, question: 5, choice: .other, hoursLater: 241),
    ]

    @Test("a corrected key regrades every answer and replays θ, readiness and sessions as if it had always been right",
        arguments: TestDatabaseKind.allCases)
    func replayEqualsFreshHistory(kind: TestDatabaseKind) async throws {
        let fresh = try await Self.world(kind, miskeyed: false)
        #expect(fresh.joined().contains("false") && fresh.joined().contains("true"), "the plan has right and wrong answers")
        let corrected = try await Self.world(kind, miskeyed: true)
        #expect(corrected.count == 4)
        for (replayed, live) in zip(corrected, fresh) { #expect(replayed == live) }
    }

    @Test("a corrected key rescores the sittings of a closed tryout, and the student is told until they dismiss it",
        arguments: TestDatabaseKind.allCases)
    func tryoutRescoredAndNotice(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind, tryouts: TryoutTests.settings) { app in
            let driver = TryoutDriver(app: app)
            let event = try await driver.createEvent()
            let items = try await driver.items()
            let token = try await app.token("peserta@genta.test")
            let (sitting, questions) = try await driver.startSitting(token, event: event)
            let choices = questions.filter { items[$0]?.format == .multipleChoice }
            let (right, miskeyed) = (try #require(choices.first), try #require(choices.dropFirst().first))
            _ = try await driver.save(token, sitting: sitting, question: right, fields: TryoutDriver.answerFields(items[right]!, correct: true))
            _ = try await driver.save(token, sitting: sitting, question: miskeyed, fields: TryoutDriver.answerFields(items[miskeyed]!, correct: false))
            #expect(try await driver.runOutTheClock() == 1)
            func puScore() async throws -> [String: Any] {
                let result = try await app.call(.get, "/api/v1/tryout-sittings/\(sitting)", token: token).json["result"] as? [String: Any]
                return try #require((result?["subtests"] as? [[String: Any]])?.first { $0["section"] as? String == "PU" })
            }
            let before = try await puScore()
            #expect(before["correct_count"] as? Int == 1 && before["wrong_count"] as? Int == 1)

            // After the event closed (in an open event an edited question is withdrawn instead,
            // TryoutWithdrawalTests), the student's "wrong" letter turns out to be the real key.
            app.clock.advance(days: 8)
            let chosen = ["A", "B", "C", "D", "E"].first { $0 != items[miskeyed]!.correctLetter }!
            let editor = try await app.token("editor@example.com", role: .reviewer)
            var body = try #require(try await app.call(.get, "/api/v1/admin/questions/\(miskeyed)", token: editor).json["question"] as? [String: Any])
            body["correct_answer"] = chosen
            let put = try await app.call(.put, "/api/v1/admin/questions/\(miskeyed)", token: editor,
                body: String(decoding: try JSONSerialization.data(withJSONObject: body.merging(["note": "Kunci tertukar"]) { $1 }), as: UTF8.self))
            #expect(put.status == .ok, "\(put.json)")
            let listed = try #require(try await app.call(.get, "/api/v1/admin/key-corrections?question_id=\(miskeyed)", token: editor)
                .json["key_corrections"] as? [[String: Any]])
            #expect(listed.count == 1 && listed[0]["status"] as? String == "replaying" && listed[0]["attempts_regraded"] as? Int == 1)
            #expect(listed[0]["students_total"] as? Int == 1 && listed[0]["students_done"] as? Int == 0)
            let early = try await app.call(.get, "/api/v1/me/notices", token: token).json["notices"] as? [Any]
            #expect(early?.isEmpty == true, "told only once their scores are recomputed")

            try await KeyCorrectionJob(database: app.database, clock: app.clock.ticking, settings: PracticeSettings()).runAll()
            let after = try await puScore()
            #expect(after["correct_count"] as? Int == 2 && after["wrong_count"] as? Int == 0)
            #expect(try #require(after["score"] as? Double) > (try #require(before["score"] as? Double)))
            let correctionID = try #require(listed[0]["id"] as? String)
            let done = try await app.call(.get, "/api/v1/admin/key-corrections/\(correctionID)", token: editor).json
            #expect(done["status"] as? String == "done" && done["students_done"] as? Int == 1 && done["note"] as? String == "Kunci tertukar")
            let readiness = try #require(try await app.call(.get, "/api/v1/readiness", token: token).json["sections"] as? [[String: Any]])
            #expect(readiness.first { $0["section"] as? String == "PU" }?["overall_accuracy"] as? Double == 1, "both answers right now")

            let notices = try #require(try await app.call(.get, "/api/v1/me/notices", token: token).json["notices"] as? [[String: Any]])
            #expect(notices.count == 1 && notices[0]["kind"] as? String == "key_correction" && notices[0]["question_id"] as? String == miskeyed)
            let noticeID = try #require(notices[0]["id"] as? String)
            let stranger = try await app.token("orang.lain@genta.test")
            #expect(try await app.call(.post, "/api/v1/me/notices/\(noticeID)/dismiss", token: stranger).status == .notFound)
            #expect(try await app.call(.post, "/api/v1/me/notices/\(noticeID)/dismiss", token: token).status == .noContent)
            #expect((try await app.call(.get, "/api/v1/me/notices", token: token).json["notices"] as? [Any])?.isEmpty == true)
        }
    }

    /// Plays the plan; with `miskeyed`, question 2 carries a wrong key while students answer and
    /// is corrected afterwards, its replay run one student at a time and then to the end.
    static func world(_ kind: TestDatabaseKind, miskeyed: Bool) async throws -> [String] {
        let result = Mutex<[String]>([])
        try await PracticeHarness.run(kind) { app in
            let questions = try await app.database.withConnection { db in
                try await db.raw("""
                    SELECT id, correct_answer FROM questions WHERE section = 'PK' AND format = 'multiple_choice' ORDER BY text LIMIT 6
                    """).all().map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "correct_answer", as: String.self)) }
            }
            let rightKey = questions[corrected].1
            let miskey = ["A", "B", "C", "D", "E"].first { $0 != rightKey }!
            if miskeyed {
                try await app.database.withConnection { db in
                    try await db.raw("UPDATE questions SET correct_answer = \(bind: miskey) WHERE id = \(bind: questions[corrected].0)").run()
                }
            }
            var tokens: [String] = []
            var sessions: [String] = []
            for student in 0..<4 {
                tokens.append(try await app.token("murid\(student)@example.com"))
                sessions.append(try await app.startSession(tokens[student], section: .pk))
            }
            let start = app.clock.now
            for answer in plan {
                if answer.newSession { sessions[answer.student] = try await app.startSession(tokens[answer.student], section: .pk) }
                let (questionID, key) = questions[answer.question]
                let letter = switch answer.choice {
                case .right: answer.question == corrected ? rightKey : key
                case .miskey: miskey
                case .other: ["A", "B", "C", "D", "E"].first { $0 != key && $0 != miskey && $0 != rightKey }!
                }
                app.clock.advance(seconds: start.addingTimeInterval(answer.hoursLater * 3600).timeIntervalSince(app.clock.now))
                try await serve(app, questionID, student: answer.student, session: sessions[answer.student])
                let (status, json) = try await app.answer(tokens[answer.student], session: sessions[answer.student],
                    question: questionID.uuidString.lowercased(), answer: letter)
                #expect(status == .created, "\(json)")
            }
            if miskeyed {
                app.clock.advance(days: 20)
                let editor = try await app.token("editor@example.com", role: .reviewer)
                let id = questions[corrected].0.uuidString.lowercased()
                var body = try #require(try await app.call(.get, "/api/v1/admin/questions/\(id)", token: editor).json["question"] as? [String: Any])
                body["correct_answer"] = rightKey
                let put = try await app.call(.put, "/api/v1/admin/questions/\(id)", token: editor,
                    body: String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self))
                #expect(put.status == .ok, "\(put.json)")
                let job = KeyCorrectionJob(database: app.database, clock: app.clock.ticking, settings: PracticeSettings())
                let first = try #require(try await job.runBatch(size: 1))
                #expect(first.studentsDone == 1 && first.studentsTotal == 3 && !first.isFinished)
                #expect(try await job.runAll() == 1)
                #expect(try await job.runBatch() == nil)
                let row = try await app.database.withConnection { db in
                    try await db.raw("""
                        SELECT attempts_regraded, students_total, students_done, status, old_key, new_key FROM key_corrections
                        """).first()!
                }
                #expect(try row.decode(column: "attempts_regraded", as: Int.self) == 4, "three right answers and one to the wrong key")
                #expect(try row.decode(column: "students_total", as: Int.self) == 3 && row.decode(column: "students_done", as: Int.self) == 3)
                #expect(try row.decode(column: "status", as: String.self) == "done")
                #expect(try row.decode(column: "old_key", as: String.self) == miskey && row.decode(column: "new_key", as: String.self) == rightKey)
                #expect(try await app.count("SELECT COUNT(*) AS n FROM student_notices") == 3, "the three students whose grade changed")
            }
            let state = try await snapshot(app)
            result.withLock { $0 = state }
        }
        return result.withLock { $0 }
    }

    /// Hands the question to the student as /practice/next would.
    static func serve(_ app: PracticeHarness, _ questionID: UUID, student: Int, session: String) async throws {
        try await app.database.withConnection { db in
            try await db.raw("""
                INSERT INTO served_questions (id, user_id, question_id, session_id, section, served_at)
                SELECT \(bind: UUID()), id, \(bind: questionID), \(bind: session), 'PK', \(bind: app.clock.now)
                FROM users WHERE email = \(bind: "murid\(student)@example.com")
                """).run()
        }
    }

    /// Every number a student sees, per student, in a form two databases can be compared in.
    static func snapshot(_ app: PracticeHarness) async throws -> [String] {
        try await app.database.withConnection { db in
            var lines: [String] = []
            for student in 0..<4 {
                let email = "murid\(student)@example.com"
                let attempts = try await db.raw("""
                    SELECT q.text, a.is_correct, a.user_theta_before, a.user_theta_after, a.theta_change, a.theta_variance_after
                    FROM attempts a JOIN questions q ON q.id = a.question_id JOIN users u ON u.id = a.user_id
                    WHERE u.email = \(bind: email) ORDER BY a.created_at
                    """).all().map { row in
                    "\(try row.decode(column: "text", as: String.self).prefix(20)) \(try row.decode(column: "is_correct", as: Bool.self)) "
                        + "\(try row.decode(column: "user_theta_before", as: Double.self)) \(try row.decode(column: "user_theta_after", as: Double.self)) "
                        + "\(try row.decode(column: "theta_change", as: Double.self)) \(try row.decode(column: "theta_variance_after", as: Double.self))"
                }
                let readiness = try await db.raw("""
                    SELECT r.recent_attempts_count, r.recent_correct_count, r.recent_accuracy, r.total_attempts_count, r.total_correct_count,
                        r.overall_accuracy, r.current_theta, r.current_theta_variance, r.readiness_percentage, r.predicted_score_low,
                        r.predicted_score_high
                    FROM user_readiness r JOIN users u ON u.id = r.user_id WHERE u.email = \(bind: email) AND r.section = 'PK'
                    """).first().map { row in
                    try ["recent_attempts_count", "recent_correct_count", "total_attempts_count", "total_correct_count",
                         "predicted_score_low", "predicted_score_high"].map { "\(try row.decode(column: $0, as: Int?.self) as Any)" }
                        + ["recent_accuracy", "overall_accuracy", "current_theta", "current_theta_variance", "readiness_percentage"]
                        .map { "\(try row.decodeOptionalDouble(column: $0) as Any)" }
                }
                let user = try await db.raw("SELECT irt_theta, irt_variance FROM users WHERE email = \(bind: email)").first().map {
                    "\(try $0.decodeOptionalDouble(column: "irt_theta") as Any) \(try $0.decodeOptionalDouble(column: "irt_variance") as Any)"
                }
                let sessions = try await db.raw("""
                    SELECT s.questions_attempted, s.questions_correct, s.accuracy_in_session FROM user_study_sessions s
                    JOIN users u ON u.id = s.user_id WHERE u.email = \(bind: email) ORDER BY s.started_at
                    """).all().map {
                    "\(try $0.decode(column: "questions_attempted", as: Int.self))/\(try $0.decode(column: "questions_correct", as: Int.self)) "
                        + "\(try $0.decodeOptionalDouble(column: "accuracy_in_session") as Any)"
                }
                lines.append(([email] + attempts + (readiness ?? []) + [user ?? ""] + sessions).joined(separator: "\n"))
            }
            return lines
        }
    }
}
