import Foundation
import GentaCore
import GentaTestSupport
import SQLKit
import Testing

@Suite("Ending a session at the same time")
struct SessionEndRaceTests {
    @Test("of many simultaneous ends exactly one succeeds and the rest are 409 session_ended", arguments: TestDatabaseKind.allCases)
    func exactlyOneWins(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { (app: PracticeHarness) async throws in
            let token = try await app.token("siti@example.com")
            // Several rounds: one lucky interleaving must not hide a lost race.
            for _ in 0..<5 {
                let session = try await app.startSession(token, section: .pu)
                let outcomes = try await withThrowingTaskGroup(of: (Int, String?, String?).self) { group in
                    for _ in 0..<12 {
                        group.addTask {
                            let response = try await app.call(.post, "/api/v1/sessions/\(session)/end", token: token)
                            return (Int(response.status.code), PracticeLoopTests.code(response.json), response.json["ended_at"] as? String)
                        }
                    }
                    return try await group.reduce(into: [(Int, String?, String?)]()) { $0.append($1) }
                }
                let winners = outcomes.filter { $0.0 == 200 }
                #expect(winners.count == 1, "statuses: \(outcomes.map(\.0))")
                #expect(outcomes.filter { $0.0 == 409 && $0.1 == "session_ended" }.count == 11)

                // The stored end is the winner's, written once.
                let stored = try await app.call(.get, "/api/v1/sessions/\(session)", token: token)
                let row = try #require(stored.json["session"] as? [String: Any])
                #expect(row["ended_at"] as? String == winners.first?.2)
            }
        }
    }
}
