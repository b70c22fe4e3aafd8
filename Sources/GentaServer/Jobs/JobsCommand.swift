import AsyncHTTPClient
import Foundation
import GentaCore
import GentaIntegrations
import GentaStore
import Logging

/// What `genta jobs list` and `genta jobs run NAME` do, with the server's own job catalogue.
public enum JobsCommand {
    public enum Failure: Error, CustomStringConvertible {
        case unknownJob(String, known: [String])
        case busy(String)
        case failed(String, String)

        public var description: String {
            switch self {
            case .unknownJob(let name, let known): "There is no job \"\(name)\". Jobs: \(known.joined(separator: ", "))."
            case .busy(let name): "\(name) is running on another instance right now; nothing was done."
            case .failed(let name, let error): "\(name) failed: \(error)"
            }
        }
    }

    /// Every job with its period and its latest run.
    public static func list(configuration: AppConfiguration, database: any Database, logger: Logger) async throws -> String {
        try await withCatalog(configuration, database, logger) { catalog in
            var lines: [String] = []
            for job in catalog.jobs {
                let last = try await JobRunQueries(database: database).recent(job: job.name, limit: 1).first
                let lastText = last.map { run in
                    "last \(ISO8601DateFormatter().string(from: run.startedAt)) \(run.status.rawValue)"
                        + (run.rowsAffected.map { ", \($0) row(s)" } ?? "") + (run.error.map { ": \($0.prefix(120))" } ?? "")
                } ?? "never run"
                lines.append("\(job.name)  every \(Int(job.period.timeInterval)) s  \(lastText)\n    \(job.summary)")
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Runs `name` now (once across instances), recorded as a manual run.
    public static func run(
        _ name: String, configuration: AppConfiguration, database: any Database, logger: Logger, clock: WallClock = .system
    ) async throws -> String {
        try await withCatalog(configuration, database, logger) { catalog in
            guard let job = catalog.job(named: name) else { throw Failure.unknownJob(name, known: catalog.jobs.map(\.name)) }
            let runner = JobRunner(database: database, clock: clock, instance: "genta jobs run", logger: logger)
            switch try await runner.run(job, trigger: .manual) {
            case .skipped: throw Failure.busy(name)
            case .ran(.failed, _):
                let error = try await JobRunQueries(database: database).recent(job: name, limit: 1).first?.error ?? "unknown error"
                throw Failure.failed(name, error)
            case .ran(let status, let rows): return "\(name): \(status.rawValue), \(rows) row(s)."
            }
        }
    }

    private static func withCatalog<T: Sendable>(
        _ configuration: AppConfiguration, _ database: any Database, _ logger: Logger, _ body: (JobCatalog) async throws -> T
    ) async throws -> T {
        // An HTTP client only when there is a Midtrans to ask; shut down after the command.
        let midtrans = configuration.payments.midtrans.map { (settings: $0, client: HTTPClient(eventLoopGroupProvider: .singleton)) }
        let catalog = JobCatalog(
            database: database, clock: .system, practice: configuration.practice,
            tryouts: configuration.tryouts,
            midtrans: midtrans.map { MidtransClient(settings: $0.settings, httpClient: $0.client, logger: logger) }, logger: logger,
            logRetention: configuration.logRetention)
        let result: Result<T, any Error>
        do { result = .success(try await body(catalog)) } catch { result = .failure(error) }
        try await midtrans?.client.shutdown()
        return try result.get()
    }
}
