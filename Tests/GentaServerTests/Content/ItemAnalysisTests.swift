import Foundation
import GentaCore
@testable import GentaServer
import GentaStore
import GentaTestSupport
import HTTPTypes
import IRT
import SQLKit
import Testing

/// Item analysis over a seeded response set: a cohort of known abilities answers three demo
/// questions by the 3PL model — one sound, one whose distractor E nobody picks, one stored with
/// a wrong key — and the analysis must find the two planted faults and leave the sound one alone.
@Suite("Item analysis over stored answers")
struct ItemAnalysisStoreTests {
    static let students = 150

    @Test("the job and the API recover a planted unused distractor and a planted miskeyed item", arguments: TestDatabaseKind.allCases)
    func plantedFaults(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let questions = try await app.database.withConnection { db in
                try await db.raw("""
                    SELECT id, correct_answer, discrimination, difficulty_irt, guessing_param FROM questions
                    WHERE section = 'PK' AND format = 'multiple_choice' ORDER BY text LIMIT 3
                    """).all().map { row in
                    (id: try row.decode(column: "id", as: UUID.self), key: try row.decode(column: "correct_answer", as: String.self))
                }
            }
            let (sound, unused, miskeyed) = (questions[0], questions[1], questions[2])
            let letters = ["A", "B", "C", "D", "E"]
            // The bank says the miskeyed question's key is another letter than the real one.
            let storedKey = letters.first { $0 != miskeyed.key }!
            let neverPicked = unused.key == "E" ? "D" : "E"
            try await app.database.withConnection { db in
                try await db.raw("UPDATE questions SET correct_answer = \(bind: storedKey) WHERE id = \(bind: miskeyed.id)").run()
                let item = ItemParameters(a: 1.4, b: 0, c: 0.2)
                var generator = SeededGenerator(seed: 11)
                for index in 0..<Self.students {
                    let theta = ((-2.5 + 5 * Double(index) / Double(Self.students - 1)) * 1000).rounded() / 1000
                    let user = UUID()
                    try await db.raw("""
                        INSERT INTO users (id, clerk_id, email, created_at, updated_at)
                        VALUES (\(bind: user), \(bind: "seed_\(index)"), \(bind: "kohort\(index)@example.com"), \(bind: app.clock.now), \(bind: app.clock.now))
                        """).run()
                    try await db.raw("""
                        INSERT INTO user_readiness (user_id, section, current_theta, current_theta_variance, total_attempts_count, last_updated)
                        VALUES (\(bind: user), 'PK', \(bind: theta), 0.1, 3, \(bind: app.clock.now))
                        """).run()
                    for (position, question) in [sound, unused, miskeyed].enumerated() {
                        let right = Double.random(in: 0..<1, using: &generator) < item.probability(at: theta)
                        // Wrong answers go round the other letters; question 1's leave one letter out.
                        let distractors = letters.filter { $0 != question.key && (position != 1 || $0 != neverPicked) }
                        let choice = right ? question.key : distractors[index % distractors.count]
                        let graded = position == 2 ? choice == storedKey : choice == question.key
                        try await db.raw("""
                            INSERT INTO attempts (id, user_id, question_id, selected_answer, is_correct, time_spent_seconds, user_theta_before,
                                user_theta_after, theta_change, section, item_discrimination, item_difficulty, item_guessing,
                                theta_variance_after, created_at)
                            VALUES (\(bind: UUID()), \(bind: user), \(bind: question.id), \(bind: choice), \(bind: graded), 45,
                                \(bind: theta), \(bind: theta), 0, 'PK', 1.4, 0, 0.2, 0.1, \(bind: app.clock.now.addingTimeInterval(Double(position))))
                            """).run()
                    }
                }
            }
            let analysed = try await ItemAnalysisQueries(database: app.database, now: { app.clock.now }).refresh(batchSize: 7).analysed
            #expect(analysed == (try await app.count("SELECT COUNT(*) AS n FROM questions WHERE deleted_at IS NULL")))

            let reviewer = try await app.token("analis@genta.id", role: .reviewer)
            func flagged(_ flag: String) async throws -> [String] {
                let (status, json) = try await app.call(.get, "/api/v1/admin/questions/analysis?flag=\(flag)&section=PK", token: reviewer)
                #expect(status == .ok)
                return (json["questions"] as? [[String: Any]] ?? []).compactMap { $0["question_id"] as? String }
            }
            let id = { (question: (id: UUID, key: String)) in question.id.uuidString.lowercased() }
            #expect(try await flagged("unused_distractor") == [id(unused)])
            #expect(try await flagged("possible_miskey") == [id(miskeyed)])
            #expect(try await flagged("distractor_attracts_strong") == [id(miskeyed)])
            let list = try #require(try await app.call(.get, "/api/v1/admin/questions/analysis?limit=3", token: reviewer).json["questions"] as? [[String: Any]])
            #expect(list.first?["question_id"] as? String == id(miskeyed), "the most flagged first")
            let soundEntry = try await app.call(.get, "/api/v1/admin/questions/\(id(sound))/analysis", token: reviewer).json
            #expect(soundEntry["flags"] as? [String] == [] && soundEntry["students"] as? Int == Self.students, "\(soundEntry)")
            #expect(try #require(soundEntry["point_biserial"] as? Double) > 0.3)

            let live = try await app.call(.get, "/api/v1/admin/questions/\(id(miskeyed))/analysis", token: reviewer).json
            let options = try #require(live["options"] as? [[String: Any]])
            let favourite = options.max { ($0["upper_group_rate"] as? Double ?? 0) < ($1["upper_group_rate"] as? Double ?? 0) }
            #expect(favourite?["letter"] as? String == miskeyed.key, "the strongest students pick the real key")
            #expect(options.first { $0["is_key"] as? Bool == true }?["letter"] as? String == storedKey)
            #expect(try #require(live["point_biserial"] as? Double) < 0)
            let small = try await app.call(.get, "/api/v1/admin/questions/\(id(miskeyed))/analysis?min_sample=1000", token: reviewer).json
            #expect(small["assessment"] as? String == "INSUFFICIENT_DATA" && small["flags"] as? [String] == [])

            #expect(try await app.count("SELECT attempt_count AS n FROM questions WHERE id = \(bind: sound.id)") == Self.students,
                "the job refreshes the seed's counters")
            let student = try await app.token("murid@example.com")
            #expect(try await app.call(.get, "/api/v1/admin/questions/analysis", token: student).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/admin/questions/\(id(sound))/analysis", token: student).status == .forbidden)
            let bad = try await app.call(.get, "/api/v1/admin/questions/analysis?flag=broken", token: reviewer)
            #expect(bad.status == .badRequest && (bad.json["error"] as? [String: Any])?["code"] as? String == "invalid_parameter")
            #expect(try await app.call(.get, "/api/v1/admin/questions/\(UUID().uuidString)/analysis", token: reviewer).status == .notFound)
        }
    }
}
