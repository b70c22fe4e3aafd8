import Foundation
import GentaCore
import GentaTestSupport
import SQLKit
import Testing

/// Practice serves pretest questions now and then — never two within ten serves — and their
/// answers are graded and explained but leave θ and the readiness counters alone.
@Suite("Pretest questions in practice")
struct PretestServingTests {
    @Test("at most one pretest question in ten serves, and its answer moves nothing", arguments: TestDatabaseKind.allCases)
    func pretestServing(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let pretest = try await app.database.withConnection { db in
                let ids = try await db.raw("SELECT id FROM questions WHERE section = 'PU' ORDER BY id LIMIT 12").all()
                    .map { try $0.decode(column: "id", as: UUID.self) }
                for id in ids { try await db.raw("UPDATE questions SET calibration_status = 'pretest' WHERE id = \(bind: id)").run() }
                return Set(ids.map { $0.uuidString.lowercased() })
            }
            let token = try await app.token("premium@example.com")
            let session = try await app.startSession(token, section: .pu)
            // Premium: the free daily quota would stop the run at 30.
            try await app.database.withConnection { db in
                try await db.raw("""
                    UPDATE users SET subscription_tier = 'premium', subscription_end_date = \(bind: app.clock.now.addingTimeInterval(86_400 * 30))
                    WHERE email = 'premium@example.com'
                    """).run()
            }
            var servedPretest: [Bool] = []
            var total = 0
            for _ in 0..<45 {
                let served = try await app.next(token, session: session)
                let question = try #require(served.json["id"] as? String, "\(served)")
                let isPretest = pretest.contains(question)
                servedPretest.append(isPretest)
                let before = try await app.count("SELECT total_attempts_count AS n FROM user_readiness WHERE section = 'PU'")
                let answer = try await app.answer(token, session: session, question: question, answer: try await app.key(of: question).answer)
                #expect(answer.json["is_pretest"] as? Bool == isPretest)
                #expect(answer.json["correct_answer"] != nil && answer.json["is_correct"] as? Bool == true)
                let after = try await app.count("SELECT total_attempts_count AS n FROM user_readiness WHERE section = 'PU'")
                if isPretest {
                    #expect(answer.json["theta_change"] as? Double == 0)
                    #expect(after == before, "a pretest answer is not counted in readiness")
                } else {
                    total += 1
                    #expect(after == before + 1)
                }
            }
            let positions = servedPretest.indices.filter { servedPretest[$0] }
            #expect(!positions.isEmpty && positions.allSatisfy { $0 >= 9 }, "never among the first nine: \(positions)")
            #expect(zip(positions, positions.dropFirst()).allSatisfy { $1 - $0 >= 10 }, "at most one in ten: \(positions)")
            #expect(try await app.count("SELECT COUNT(*) AS n FROM attempts WHERE is_pretest = \(bind: true)") == positions.count)
            #expect(try await app.count("SELECT total_attempts_count AS n FROM user_readiness WHERE section = 'PU'") == total)
        }
    }
}
