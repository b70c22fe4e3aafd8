import Foundation
import GentaCore
import GentaTestSupport
import SQLKit
import Testing

@Suite("Concurrent answers")
struct ConcurrencyTests {
    @Test("20 answers at once by one student lose no update: the θ chain is consistent", arguments: TestDatabaseKind.allCases)
    func twentyAtOnce(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let token = try await app.token("siti@example.com")
            // One open question per session, so twenty sessions give twenty answerable questions.
            var pending: [(session: String, question: String)] = []
            for _ in 0..<20 {
                let session = try await app.startSession(token, section: .pk)
                let question = try #require(try await app.next(token, session: session).json["id"] as? String)
                pending.append((session, question))
            }
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for (index, item) in pending.enumerated() {
                    group.addTask {
                        try await app.answer(token, session: item.session, question: item.question,
                            answer: index.isMultiple(of: 2) ? "A" : "C").status.code
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 201, count: 20))

            let chain = try await app.database.withConnection { db in
                try await db.raw("""
                    SELECT user_theta_before, user_theta_after FROM attempts ORDER BY created_at
                    """).all().map { (try $0.decode(column: "user_theta_before", as: Double.self),
                                      try $0.decode(column: "user_theta_after", as: Double.self)) }
            }
            #expect(chain.count == 20)
            #expect(chain.first?.0 == 0)
            for (previous, next) in zip(chain, chain.dropFirst()) {
                #expect(next.0 == previous.1, "each answer starts from the θ the previous one left")
            }
            let readiness = try await app.database.withConnection { db in
                try await db.raw("""
                    SELECT current_theta, total_attempts_count FROM user_readiness WHERE section = 'PK'
                    """).first()!
            }
            #expect(try readiness.decode(column: "total_attempts_count", as: Int.self) == 20)
            #expect(try readiness.decode(column: "current_theta", as: Double.self) == chain.last?.1)
        }
    }
}
