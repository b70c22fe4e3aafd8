import Foundation
import GentaCore
@testable import GentaServer
import GentaStore
import GentaTestSupport
import Prometheus
import Synchronization
import Testing

/// What `/metrics` tells an operator beyond HTTP: the database pool and the scheduled jobs.
@Suite("Operational metrics: database connections and job runs")
struct OperationalMetricsTests {
    static func text(_ registry: PrometheusCollectorRegistry) -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The value of a sample line `name{…} value` (or `name value`), if present.
    static func value(_ text: String, _ prefix: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Double($0.split(separator: " ").last ?? "") }
    }

    @Test("connections in use and waiting rise while work runs and fall back to zero", arguments: TestDatabaseKind.allCases)
    func connections(kind: TestDatabaseKind) async throws {
        try await TestDatabase.with(kind, limits: DatabaseLimits(maximumConnections: 2)) { base in
            let registry = PrometheusCollectorRegistry()
            let database = InstrumentedDatabase(base, factory: PrometheusMetricsFactory(registry: registry))
            let inside = JobRunnerTests.Counter()
            let peak = Peak()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await database.withConnection { db in
                            inside.next()
                            try await Task.sleep(for: .milliseconds(200))
                            let text = Self.text(registry)
                            peak.see(inUse: Self.value(text, "genta_db_connections_in_use") ?? 0,
                                waiting: Self.value(text, "genta_db_connections_waiting") ?? 0)
                            _ = try await db.raw("SELECT 1 AS one").first()
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(inside.count == 4)
            let seen = peak.seen
            #expect(seen.inUse >= 1 && seen.inUse <= 4)
            if kind == .postgres {
                // Two pooled connections for four callers: some had to wait.
                #expect(seen.inUse <= 2 && seen.waiting >= 1, "\(seen)")
            }
            let after = Self.text(registry)
            #expect(Self.value(after, "genta_db_connections_in_use") == 0)
            #expect(Self.value(after, "genta_db_connections_waiting") == 0)
            #expect(after.contains("genta_db_connection_wait_seconds_count 4"))
        }
    }

    /// The highest gauge values seen from inside the connections.
    final class Peak: Sendable {
        private let values = Mutex((inUse: 0.0, waiting: 0.0))
        var seen: (inUse: Double, waiting: Double) { values.withLock { $0 } }
        func see(inUse: Double, waiting: Double) {
            values.withLock { $0 = (max($0.inUse, inUse), max($0.waiting, waiting)) }
        }
    }

    @Test("each job run is counted by job and status, with its duration")
    func jobRuns() async throws {
        try await TestDatabase.with(.sqlite) { database in
            let registry = PrometheusCollectorRegistry()
            let runner = JobRunner(
                database: database, clock: TestClock().ticking, instance: "a", logger: TestDatabase.logger,
                metrics: PrometheusMetricsFactory(registry: registry))
            let runs = JobRunnerTests.Counter()
            _ = try await runner.run(JobRunnerTests.countingJob(runs, seconds: 0), trigger: .manual)
            _ = try await runner.run(JobRunnerTests.countingJob(runs, seconds: 0, fail: true), trigger: .manual)
            let text = Self.text(registry)
            #expect(Self.value(text, #"genta_job_runs_total{job="count",status="succeeded"}"#) == 1)
            #expect(Self.value(text, #"genta_job_runs_total{job="count",status="failed"}"#) == 1)
            #expect(text.contains(#"genta_job_duration_seconds_count{job="count"} 2"#))
        }
    }
}
