import Foundation
import GentaCore
import GentaTestSupport
import IRT
import SQLKit
import Testing

/// Practice with exposure control holds back a question most students have already seen while
/// others qualify, and serves it again once its rate falls under the limit.
@Suite("Exposure control in practice")
struct ExposureServingTests {
    @Test("a question at the exposure limit is held back; under it, it is served", arguments: TestDatabaseKind.allCases)
    func heldBack(kind: TestDatabaseKind) async throws {
        let control = try ExposureControl(maxRate: 0.3)
        try await PracticeHarness.run(kind, exposureControl: control) { app in
            let token = try await app.token("siti@example.com")
            // The question practice would serve first, with exposure control and nothing exposed yet.
            let first = try #require(try await app.next(token, session: try await app.startSession(token, section: .pu)).json["id"] as? String)
            let other = try await app.token("budi@example.com")
            let overexposed = UUID(uuidString: first)!
            try await Self.setExposure(app, question: overexposed, rate: 0.9)
            let held = try #require(try await app.next(other, session: try await app.startSession(other, section: .pu)).json["id"] as? String)
            #expect(held != first, "a question at 90 % exposure waits while others qualify")

            try await Self.setExposure(app, question: overexposed, rate: 0.1)
            let third = try await app.token("tono@example.com")
            let served = try #require(try await app.next(third, session: try await app.startSession(third, section: .pu)).json["id"] as? String)
            #expect(served == first, "under the limit it is the most informative again")
        }
    }

    static func setExposure(_ app: PracticeHarness, question: UUID, rate: Double) async throws {
        try await app.database.withConnection { db in
            try await db.raw("DELETE FROM question_statistics WHERE question_id = \(bind: question)").run()
            try await db.raw("""
                INSERT INTO question_statistics (question_id, students, correct_rate, expected_rate, point_biserial, avg_time_seconds,
                    options, assessment, flags, flag_count, helpful_ratings, unhelpful_ratings, wrong_key_reports, computed_at,
                    exposure_rate)
                VALUES (\(bind: question), 10, 0.5, 0.5, 0.3, 60, '{}', 'INSUFFICIENT_DATA', '', 0, 0, 0, 0, \(bind: app.clock.now), \(bind: rate))
                """).run()
        }
    }
}
