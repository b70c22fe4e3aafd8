import Foundation
import GentaCore
@testable import GentaServer
import GentaStore
import GentaTestSupport
import Logging
import Synchronization
import Testing

/// The scheduler's core: a job runs once per period however many instances tick, every run is
/// recorded, a failure is recorded and retried, a shutdown between batches is `interrupted`.
@Suite("Scheduled jobs: run once across instances, recorded")
struct JobRunnerTests {
    final class Counter: Sendable {
        private let value = Mutex(0)
        /// Counts one more; returns the new count.
        @discardableResult func next() -> Int { value.withLock { $0 += 1; return $0 } }
        var count: Int { value.withLock { $0 } }
    }

    /// A job that counts its runs and takes `seconds` (so two instances overlap).
    static func countingJob(_ runs: Counter, seconds: Double = 0.3, fail: Bool = false) -> ScheduledJob {
        ScheduledJob(name: "count", summary: "Counts.", period: .seconds(60), recordsIdleRuns: true) { _ in
            runs.next()
            try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            if fail { throw AppError(.badGateway, code: "boom", message: "The job broke.") }
            return .init(rows: 3, note: "counted")
        }
    }

    /// A second connection pool on the same database: another instance of the server.
    static func secondInstance<T: Sendable>(of database: any Database, _ body: @Sendable (any Database) async throws -> T) async throws -> T {
        switch database.location {
        case .postgres(let location):
            return try await PostgresBackend.open(location, logger: TestDatabase.logger).whileRunning { try await body($0) }
        case .sqlite(let path):
            return try await SQLiteBackend.open(path: path, logger: TestDatabase.logger).whileRunning { try await body($0) }
        }
    }

    @Test("two instances ticking at once run a job once per period; the next period runs it again", arguments: TestDatabaseKind.allCases)
    func oncePerPeriod(kind: TestDatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            try await Self.secondInstance(of: database) { other in
                let clock = TestClock()
                let runs = Counter()
                let job = Self.countingJob(runs)
                let first = JobRunner(database: database, clock: clock.ticking, instance: "a", logger: TestDatabase.logger)
                let second = JobRunner(database: other, clock: clock.ticking, instance: "b", logger: TestDatabase.logger)
                async let one = first.run(job, trigger: .schedule)
                async let two = second.run(job, trigger: .schedule)
                let results = try await [one, two]
                #expect(results.filter { $0 == .ran(.succeeded, rows: 3) }.count == 1 && results.contains(.skipped), "\(results)")
                #expect(try await second.run(job, trigger: .schedule) == .skipped, "already ran this period")
                #expect(runs.count == 1)

                clock.advance(seconds: 61)
                #expect(try await second.run(job, trigger: .schedule) == .ran(.succeeded, rows: 3))
                let recorded = try await JobRunQueries(database: database).recent(job: "count", limit: 10)
                #expect(recorded.count == 2 && recorded.allSatisfy { $0.status == .succeeded && $0.rowsAffected == 3 && $0.finishedAt != nil })
                #expect(Set(recorded.map(\.instance)).count == 2)
            }
        }
    }

    @Test("a failing run is recorded with its error and retried at the next tick; a stop between batches is interrupted",
        arguments: TestDatabaseKind.allCases)
    func failuresAndInterruptions(kind: TestDatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let clock = TestClock()
            let runs = Counter()
            let runner = JobRunner(database: database, clock: clock.ticking, instance: "a", logger: TestDatabase.logger)
            let failing = Self.countingJob(runs, seconds: 0, fail: true)
            #expect(try await runner.run(failing, trigger: .schedule) == .ran(.failed, rows: 0))
            #expect(try await runner.run(failing, trigger: .schedule) == .ran(.failed, rows: 0), "a failure does not count as this period's run")
            let failed = try #require(try await JobRunQueries(database: database).recent(job: "count", limit: 1).first)
            #expect(failed.status == .failed && failed.error == "boom: The job broke.")

            let batches = ScheduledJob(name: "batches", summary: "Stops.", period: .seconds(60), recordsIdleRuns: true) { shouldStop in
                var done = 0
                while !shouldStop() { done += 1 }
                return .init(rows: done, interrupted: true)
            }
            let stopping = Counter()
            #expect(try await runner.run(batches, trigger: .manual, shouldStop: { stopping.next() > 2 })
                == .ran(.interrupted, rows: 2))
            #expect(try await JobRunQueries(database: database).recent(job: "batches", limit: 1).first?.trigger == .manual)

            // A frequent job's idle rounds leave no row.
            let idle = ScheduledJob(name: "idle", summary: "Nothing.", period: .seconds(5), recordsIdleRuns: false) { _ in .init(rows: 0) }
            #expect(try await runner.run(idle, trigger: .schedule) == .ran(.succeeded, rows: 0))
            #expect(try await JobRunQueries(database: database).recent(job: "idle", limit: 1).isEmpty)
        }
    }

    @Test("the catalogue names every job; genta jobs run refuses an unknown name and records a manual run")
    func catalogue() async throws {
        try await TestDatabase.with(.sqlite) { database in
            let configuration = AppConfiguration()
            let names = JobCatalog(
                database: database, clock: .system, practice: PracticeSettings(), tryouts: TryoutSettings(), midtrans: nil,
                logger: TestDatabase.logger).jobs.map(\.name)
            #expect(names == ["expire-tryout-sittings", "key-corrections", "refresh-question-stats", "refresh-analytics", "refresh-readiness", "recalibrate", "prune"])
            await #expect(throws: JobsCommand.Failure.self) {
                try await JobsCommand.run("nope", configuration: configuration, database: database, logger: TestDatabase.logger)
            }
            let output = try await JobsCommand.run("prune", configuration: configuration, database: database, logger: TestDatabase.logger)
            #expect(output == "prune: succeeded, 0 row(s).")
            let listed = try await JobsCommand.list(configuration: configuration, database: database, logger: TestDatabase.logger)
            #expect(listed.contains("prune  every 86400 s  last ") && listed.contains("key-corrections  every 5 s  never run"))
        }
    }
}
