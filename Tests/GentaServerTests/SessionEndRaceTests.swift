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

    /// The interleaving that loses the race, made certain: every end has read the session as
    /// open and waits for its row while another transaction holds it; when that one lets go,
    /// the ends run one after another against the committed row. Only a condition inside the
    /// UPDATE tells the first from the rest.
    @Test("ends queued behind a row lock after reading the session as open: exactly one wins (PostgreSQL)")
    func queuedBehindALock() async throws {
        try await PracticeHarness.run(.postgres) { (app: PracticeHarness) async throws in
            let token = try await app.token("siti@example.com")
            _ = try await app.call(.get, "/api/v1/me", token: token)  // the sign-in's own writes happen before the race
            let session = try await app.startSession(token, section: .pu)
            let contenders = 8
            let (locked, holding) = AsyncStream<Void>.makeStream()
            let statuses = try await withThrowingTaskGroup(of: Int?.self) { group in
                group.addTask {
                    try await app.database.transaction { db in
                        try await db.raw("SELECT id FROM user_study_sessions WHERE id = \(bind: session) FOR UPDATE").run()
                        holding.yield()
                        try await Self.waitForLockWaiters(contenders, app)
                        return nil
                    }
                }
                for await _ in locked { break }
                for _ in 0..<contenders {
                    group.addTask { Int(try await app.call(.post, "/api/v1/sessions/\(session)/end", token: token).status.code) }
                }
                return try await group.reduce(into: [Int]()) { if let status = $1 { $0.append(status) } }
            }
            #expect(statuses.filter { $0 == 200 }.count == 1, "statuses: \(statuses)")
            #expect(statuses.filter { $0 == 409 }.count == contenders - 1)
        }
    }

    /// Returns once `count` statements on this database wait for a lock (10 s at most).
    static func waitForLockWaiters(_ count: Int, _ app: PracticeHarness) async throws {
        for _ in 0..<1_000 {
            let waiting = try await app.count("""
                SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                """)
            if waiting >= count { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw TestSetupError("the ends never queued up behind the lock")
    }
}
