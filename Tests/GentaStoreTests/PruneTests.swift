import Foundation
import GentaCore
import GentaStore
import GentaTestSupport
import SQLKit
import Testing

@Suite("Pruning")
struct PruneTests {
    static let now = TestDatabase.referenceNow
    static let day: TimeInterval = 86_400

    @Test("removes deliveries past retention and expired cache entries, in batches; keeps the rest", arguments: TestDatabaseKind.allCases)
    func prunes(kind: TestDatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            try await Self.fill(database)
            try await Self.fillLogs(database)
            // Batches of two, so five old deliveries take three statements.
            let prune = PruneQueries(database: database, clock: .fixed(Self.now), batchSize: 2)

            let planned = try await prune.prune(dryRun: true)
            #expect(planned.webhookDeliveries == 5)
            #expect(planned.expiredFeedbackCache == 3)
            #expect(planned.deliveriesReceivedBefore == Self.now.addingTimeInterval(-30 * Self.day))
            #expect(try await Self.remaining(database) == (deliveries: 8, cache: 5), "a dry run removes nothing")

            #expect((planned.errorLogs, planned.jobRuns) == (3, 1))
            let done = try await prune.prune()
            #expect(done.webhookDeliveries == 5)
            #expect(done.expiredFeedbackCache == 3)
            #expect((done.errorLogs, done.jobRuns) == (3, 1), "old error logs and finished job runs past 90 days")
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM error_logs") == 2)
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM job_runs") == 2, "a recent run and an old one still running stay")
            #expect(try await Self.remaining(database) == (deliveries: 3, cache: 2))
            try await database.withConnection { db in
                let kept = try await db.raw("SELECT id FROM webhook_deliveries ORDER BY id").all().map { try $0.decode(column: "id", as: String.self) }
                #expect(kept == ["msg_at_cutoff", "msg_new_0", "msg_new_1"], "exactly 30 days old is kept")
            }
            let again = try await prune.prune()
            #expect((again.webhookDeliveries, again.expiredFeedbackCache, again.errorLogs, again.jobRuns) == (0, 0, 0, 0), "a second run finds nothing")
        }
    }

    @Test("webhook deliveries are found by age through an index", arguments: TestDatabaseKind.allCases)
    func index(kind: TestDatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let indexes = try await SchemaCatalog.indexes(database, table: "webhook_deliveries")
            #expect(indexes.contains("idx_webhook_deliveries_received"))
        }
    }

    static func count(_ database: any Database, _ sql: SQLQueryString) async throws -> Int {
        try await database.withConnection { db in try await db.raw(sql).first()!.decode(column: "n", as: Int.self) }
    }

    /// Error logs: 3 older than 90 days, 2 recent. Job runs: one finished and one still running
    /// from 100 days ago, one recent.
    static func fillLogs(_ database: any Database) async throws {
        try await database.withConnection { db in
            for age in [91.0, 95, 200, 1, 89] {
                try await db.raw("""
                    INSERT INTO error_logs (error_type, error_message, severity, created_at)
                    VALUES ('Broken', 'old', 'critical', \(bind: now.addingTimeInterval(-age * day)))
                    """).run()
            }
            for (age, finished) in [(100.0, true), (100, false), (2, true)] {
                let started = now.addingTimeInterval(-age * day)
                try await db.raw("""
                    INSERT INTO job_runs (id, job, instance, trigger, started_at, finished_at, status)
                    VALUES (\(bind: UUID()), 'prune', 'test', 'schedule', \(bind: started),
                        \(bind: finished ? started.addingTimeInterval(5) : nil), \(bind: finished ? "succeeded" : "running"))
                    """).run()
            }
        }
    }

    /// Deliveries: 5 older than 30 days, one exactly 30 days old, 2 recent. Cache: 3 expired
    /// (one expiring this very instant), 2 still valid.
    static func fill(_ database: any Database) async throws {
        _ = try await DemoBankLoader(database: database, now: { now }).loadIfNeeded()
        try await database.withConnection { db in
            var deliveries: [(String, Date)] = (0..<5).map { ("msg_old_\($0)", now.addingTimeInterval(-Double(31 + $0) * day)) }
            deliveries.append(("msg_at_cutoff", now.addingTimeInterval(-30 * day)))
            deliveries += (0..<2).map { ("msg_new_\($0)", now.addingTimeInterval(-Double($0) * day)) }
            for (id, received) in deliveries {
                try await db.raw("""
                    INSERT INTO webhook_deliveries (id, source, received_at) VALUES (\(bind: id), 'clerk', \(bind: received))
                    """).run()
            }
            let question = try await db.raw("SELECT id FROM questions ORDER BY id LIMIT 1").first()!.decode(column: "id", as: UUID.self)
            let expiries = [-2 * day, -1, 0, 1, 10 * day].map { now.addingTimeInterval($0) }
            for (index, expiry) in expiries.enumerated() {
                try await db.raw("""
                    INSERT INTO feedback_cache (id, question_id, selected_answer, prompt_version, feedback_lang, feedback_text,
                        model_used, created_at, expires_at)
                    VALUES (\(bind: UUID()), \(bind: question), \(bind: ["A", "B", "C", "D", "E"][index]), 'v1', 'id', 'Coba lagi.',
                        'test-model', \(bind: expiry.addingTimeInterval(-30 * day)), \(bind: expiry))
                    """).run()
            }
        }
    }

    static func remaining(_ database: any Database) async throws -> (deliveries: Int, cache: Int) {
        try await database.withConnection { db in
            (try await db.raw("SELECT COUNT(*) AS n FROM webhook_deliveries").first()!.decode(column: "n", as: Int.self),
             try await db.raw("SELECT COUNT(*) AS n FROM feedback_cache").first()!.decode(column: "n", as: Int.self))
        }
    }
}
