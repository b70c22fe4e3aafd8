import Foundation
import GentaCore
import GentaStore
import GentaTestSupport
import SQLKit
import Synchronization
import Testing

/// `refresh-readiness` stores each section's trend; the dashboard then reads the stored trend
/// while it is current and computes it again the moment it is not.
@Suite("Readiness refresh: the stored trend equals the live one and is read while current")
struct ReadinessRefreshTests {
    @Test("the job stores what the dashboard computes, the dashboard reads it, and answers, targets and age make it due", arguments: TestDatabaseKind.allCases)
    func storedTrend(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let siti = try await app.token("siti@example.com")
            _ = try await app.call(.post, "/api/v1/users/onboarding", token: siti,
                body: #"{"target_ptn":"UI","target_score":600,"exam_date":"2027-05-01","study_hours_per_week":10}"#)
            for _ in 0..<8 {
                try await Self.practise(app, siti, section: .pu, answers: 2)
                app.clock.advance(days: 1)
            }
            try await Self.practise(app, siti, section: .pk, answers: 3)
            let budi = try await app.token("budi@example.com")
            try await Self.practise(app, budi, section: .pbm, answers: 2)

            let live = try await app.call(.get, "/api/v1/readiness", token: siti)
            let refresh = ReadinessRefresh(database: app.database, clock: app.clock.ticking, settings: PracticeSettings())
            let first = try await refresh.run(batchSize: 1)
            #expect(first.finished && first.sections == 3, "siti's PU and PK, budi's PBM: \(first)")
            #expect(try await refresh.run().sections == 0, "nothing is due right after a refresh")
            #expect(try await app.count("""
                SELECT COUNT(*) AS n FROM user_readiness
                WHERE ready_by_status IS NOT NULL AND updated_by_job_id = 'refresh-readiness'
                """) == 3)

            let stored = try await app.call(.get, "/api/v1/readiness", token: siti)
            #expect(NSDictionary(dictionary: stored.json) == NSDictionary(dictionary: live.json))
            let pu = try #require(Self.section("PU", of: stored.json))
            #expect((pu["improvement_per_week"] as? Double ?? 0) > 0)

            // The dashboard reads the stored trend: a value changed in the table shows.
            try await app.database.withConnection { db in
                try await db.raw("UPDATE user_readiness SET improvement_rate_per_week = 9.5 WHERE section = 'PU'").run()
            }
            let planted = try await app.call(.get, "/api/v1/readiness", token: siti)
            #expect(Self.section("PU", of: planted.json)?["improvement_per_week"] as? Double == 9.5)

            // A new answer: the stored trend no longer stands, the dashboard computes it afresh.
            try await Self.practise(app, siti, section: .pu, answers: 1)
            let fresh = try await app.call(.get, "/api/v1/readiness", token: siti)
            #expect(Self.section("PU", of: fresh.json)?["improvement_per_week"] as? Double != 9.5)
            #expect(try await refresh.run().sections == 1, "only the answered section is due")

            // Another target makes every section of the student due; a day makes everything due.
            _ = try await app.call(.patch, "/api/v1/me", token: siti, body: #"{"target_score":700}"#)
            #expect(try await refresh.run().sections == 2)
            app.clock.advance(days: 1.5)
            #expect(try await refresh.run().sections == 3)
            let later = try await app.call(.get, "/api/v1/readiness", token: siti)
            #expect(Self.section("PU", of: later.json)?["target_score"] as? Int == 700)
        }
    }

    @Test("a stopped run leaves the rest due and the next run finishes it", arguments: TestDatabaseKind.allCases)
    func resumes(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            for name in ["a", "b", "c"] {
                try await Self.practise(app, try await app.token("\(name)@example.com"), section: .pu, answers: 1)
            }
            let refresh = ReadinessRefresh(database: app.database, clock: app.clock.ticking, settings: PracticeSettings())
            let stopAfterOne = StopAfter(batches: 1)
            let interrupted = try await refresh.run(batchSize: 1, shouldStop: { stopAfterOne.next() })
            #expect(!interrupted.finished && interrupted.sections == 1)
            let rest = try await refresh.run(batchSize: 1)
            #expect(rest.finished && rest.sections == 2)
        }
    }

    /// Answers `answers` questions of `section` in a new session, right.
    static func practise(_ app: PracticeHarness, _ token: String, section: Section, answers: Int) async throws {
        let session = try await app.startSession(token, section: section)
        for _ in 0..<answers {
            let question = try #require(try await app.next(token, session: session).json["id"] as? String)
            let key = try await app.key(of: question)
            let answered = try await app.answer(token, session: session, question: question, answer: key.answer)
            #expect(answered.status == .created || answered.status == .ok)
        }
    }

    static func section(_ name: String, of json: [String: Any]) -> [String: Any]? {
        (json["sections"] as? [[String: Any]])?.first { $0["section"] as? String == name }
    }
}

/// `shouldStop` that turns true after `batches` calls have said false.
final class StopAfter: Sendable {
    private let remaining: Mutex<Int>
    init(batches: Int) { remaining = Mutex(batches) }
    func next() -> Bool { remaining.withLock { $0 -= 1; return $0 < 0 } }
}
