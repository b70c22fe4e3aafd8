import Foundation
import GentaStore
import Logging
import ServiceLifecycle

/// `genta serve`'s scheduler (off with `GENTA_SCHEDULER=off`): each job ticks on its own every
/// min(period, 30 s) and runs when `JobRunner` finds it due, so instances started at different
/// times still run each job once per period. A shutdown stops the ticking; a running batch job
/// stops between batches (recorded `interrupted`) and the next run resumes it.
struct Scheduler: Service {
    let catalog: JobCatalog
    let runner: JobRunner
    let logger: Logger

    func run() async throws {
        await withDiscardingTaskGroup { group in
            for job in catalog.jobs {
                group.addTask { await tick(job) }
            }
        }
    }

    private func tick(_ job: ScheduledJob) async {
        let interval = min(job.period, .seconds(30))
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                _ = try await runner.run(job, trigger: .schedule, shouldStop: { Task.isShuttingDownGracefully })
            } catch {
                // Even the record of the failure could not be written (the database is down):
                // logged, and tried again next tick.
                logger.warning("job \(job.name) could not run", metadata: ["error": "\(error)"])
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
