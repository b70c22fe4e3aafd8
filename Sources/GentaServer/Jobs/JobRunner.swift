import Foundation
import GentaCore
import GentaStore
import Logging
import Metrics

/// Runs jobs once across instances and records each run in `job_runs`.
///
/// A scheduled run takes the job's lock (PostgreSQL: an advisory lock every instance shares),
/// then checks, under it, that no run of the job started within its period — so however many
/// instances tick, a job runs once per period. A failed run is recorded with its error and is
/// retried at the next tick; it never stops the caller.
public struct JobRunner: Sendable {
    public enum Result: Sendable, Equatable {
        case ran(JobRun.Status, rows: Int)
        /// Not due, or another instance is running it.
        case skipped
    }

    let runs: JobRunQueries
    let clock: WallClock
    let instance: String
    let logger: Logger
    /// Where each run's outcome and duration are counted (`/metrics`); nil counts nothing.
    let metrics: (any MetricsFactory)?

    public init(database: any Database, clock: WallClock, instance: String, logger: Logger, metrics: (any MetricsFactory)? = nil) {
        self.runs = JobRunQueries(database: database)
        self.metrics = metrics
        self.clock = clock
        self.instance = instance
        self.logger = logger
    }

    /// Runs `job` if it is due (a manual run is always due).
    public func run(
        _ job: ScheduledJob, trigger: JobRun.Trigger, shouldStop: @escaping @Sendable () -> Bool = { false }
    ) async throws -> Result {
        let outcome = try await runs.withLock(job: job.name) { () async throws -> Result in
            if trigger == .schedule, let last = try await runs.lastStart(of: job.name),
                clock.now().timeIntervalSince(last) < job.period.timeInterval
            {
                return .skipped
            }
            let started = ContinuousClock.now
            let result = try await execute(job, trigger: trigger, shouldStop: shouldStop)
            count(job, result, seconds: (ContinuousClock.now - started).timeInterval)
            return result
        }
        return outcome ?? .skipped
    }

    /// `genta_job_runs_total{job, status}` and `genta_job_duration_seconds{job}`.
    private func count(_ job: ScheduledJob, _ result: Result, seconds: Double) {
        guard let metrics, case .ran(let status, _) = result else { return }
        Counter(label: "genta_job_runs_total", dimensions: [("job", job.name), ("status", status.rawValue)], factory: metrics).increment()
        Timer(label: "genta_job_duration_seconds", dimensions: [("job", job.name)], factory: metrics)
            .recordNanoseconds(Int64(min(seconds, 1e6) * 1e9))
    }

    private func execute(_ job: ScheduledJob, trigger: JobRun.Trigger, shouldStop: @escaping @Sendable () -> Bool) async throws -> Result {
        let started = clock.now()
        // An idle round of a frequent job is not recorded; it starts a row only once it has work.
        var runID: UUID?
        if job.recordsIdleRuns || trigger == .manual {
            runID = try await runs.start(job: job.name, instance: instance, trigger: trigger, at: started)
        }
        do {
            let outcome = try await job.run(shouldStop)
            if runID == nil, outcome.rows > 0 {
                runID = try await runs.start(job: job.name, instance: instance, trigger: trigger, at: started)
            }
            let status: JobRun.Status = outcome.interrupted ? .interrupted : .succeeded
            if let runID {
                try await runs.finish(runID, status: status, rows: outcome.rows, note: outcome.note, error: nil, at: clock.now())
                logger.info("job \(job.name): \(status.rawValue)", metadata: ["rows": "\(outcome.rows)", "note": "\(outcome.note ?? "")"])
            }
            return .ran(status, rows: outcome.rows)
        } catch {
            let message = Self.describe(error)
            logger.warning("job \(job.name) failed; it runs again next period", metadata: ["error": "\(message)"])
            let id: UUID
            if let runID { id = runID } else { id = try await runs.start(job: job.name, instance: instance, trigger: trigger, at: started) }
            try await runs.finish(id, status: .failed, rows: nil, note: nil, error: message, at: clock.now())
            return .ran(.failed, rows: 0)
        }
    }

    /// What a failed run says: the application's message, or the error's type and text.
    static func describe(_ error: any Error) -> String {
        if let error = error as? AppError { return "\(error.code): \(error.message)" }
        return String(String(describing: error).prefix(2000))
    }
}
