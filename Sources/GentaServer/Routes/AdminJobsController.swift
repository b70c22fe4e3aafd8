import Foundation
import GentaCore
import GentaStore
import Hummingbird

/// `GET /api/v1/admin/jobs`: every scheduled job with its period and latest run, and the latest
/// runs of all (admins).
struct AdminJobsController {
    let catalog: JobCatalog
    let runs: JobRunQueries

    func addRoutes(to group: Routes) {
        group.get("admin/jobs") { request, context in
            _ = try context.requireAdmin("see the scheduled jobs")
            let limit = try Input.integer(request.uri.queryParameters["limit"].map(String.init), field: "limit", default: 50, in: 1...500)
            var jobs: [JobListResponse.Job] = []
            for job in catalog.jobs {
                let last = try await runs.recent(job: job.name, limit: 1).first
                jobs.append(.init(name: job.name, summary: job.summary, period_seconds: Int(job.period.timeInterval),
                    last_run: last.map(JobListResponse.Run.init)))
            }
            return Response.json(JobListResponse(jobs: jobs, runs: try await runs.recent(job: nil, limit: limit).map(JobListResponse.Run.init)))
        }
    }
}

struct JobListResponse: Encodable {
    struct Run: Encodable {
        let id: String
        let job: String
        let instance: String
        let trigger: String
        let started_at: Date
        let finished_at: Date?
        let status: String
        let rows_affected: Int?
        let note: String?
        let error: String?

        init(_ run: JobRun) {
            id = run.id.wire
            job = run.job
            instance = run.instance
            trigger = run.trigger.rawValue
            started_at = run.startedAt
            finished_at = run.finishedAt
            status = run.status.rawValue
            rows_affected = run.rowsAffected
            note = run.note
            error = run.error
        }
    }

    struct Job: Encodable {
        let name: String
        let summary: String
        let period_seconds: Int
        let last_run: Run?
    }

    let jobs: [Job]
    let runs: [Run]
}
