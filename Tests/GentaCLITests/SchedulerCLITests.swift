import Foundation
import GentaStore
import GentaTestSupport
import SQLKit
import Testing

/// Two `genta serve` processes on one PostgreSQL database — two instances behind a load
/// balancer — tick the same jobs at the same moment, and each job runs once.
@Suite("Scheduled jobs across two server processes")
struct SchedulerCLITests {
    @Test("two servers started together on one database run each job once")
    func twoInstances() async throws {
        let folder = try GentaProcess.temporaryFolder()
        try await TestDatabase.withEmptyLocation(.postgres) { location in
            let base = ["DATABASE_URL": try BackupCLITests.url(location), "GENTA_DEMO_BANK": "0"]
            #expect(try await GentaProcess.run(["migrate"], environment: base, in: folder).status == 0)
            let ports = [try GentaProcess.freePort(), try GentaProcess.freePort()]
            let servers = try ports.map { port in
                try GentaProcess.start(["serve"], environment: base.merging(["GENTA_PORT": String(port)]) { $1 }, in: folder)
            }
            for (server, port) in zip(servers, ports) {
                try await server.waitForOutput(containing: "Genta is listening on http://127.0.0.1:\(port)", seconds: 60)
            }
            // Each scheduler ticks every job as it starts; give both time to finish their first round.
            let daily = ["prune", "recalibrate", "refresh-question-stats", "refresh-readiness"]
            var runs: [String: Int] = [:]
            for _ in 0..<40 {
                runs = try await Self.runs(location)
                if daily.allSatisfy({ runs[$0] != nil }) { break }
                try await Task.sleep(for: .milliseconds(250))
            }
            try await Task.sleep(for: .seconds(2))
            runs = try await Self.runs(location)
            for job in daily { #expect(runs[job] == 1, "\(job): \(runs)") }
            for server in servers { #expect(try await server.terminate(seconds: 15) == 0) }
        }
    }

    /// Recorded runs per job.
    static func runs(_ location: DatabaseLocation) async throws -> [String: Int] {
        guard case .postgres(let server) = location else { throw CLITestError("not PostgreSQL") }
        return try await PostgresBackend.open(server, logger: TestDatabase.logger).whileRunning { database in
            try await database.withConnection { db in
                var runs: [String: Int] = [:]
                for row in try await db.raw("SELECT job, COUNT(*) AS n FROM job_runs GROUP BY job").all() {
                    runs[try row.decode(column: "job", as: String.self)] = try row.decode(column: "n", as: Int.self)
                }
                return runs
            }
        }
    }
}
