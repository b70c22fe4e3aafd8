import Foundation
import GentaCore
import GentaIntegrations
import GentaStore
import Logging

/// Every job Genta runs on a schedule, by name (docs/OPERATIONS.md lists them).
public struct JobCatalog: Sendable {
    public let jobs: [ScheduledJob]

    public init(
        database: any Database, clock: WallClock, practice: PracticeSettings, tryouts: TryoutSettings,
        midtrans: MidtransClient?, logger: Logger, logRetention: TimeInterval = PruneQueries.defaultLogRetention
    ) {
        let sittings = TryoutSittingQueries(database: database, clock: clock, practice: practice, tryouts: tryouts)
        let corrections = KeyCorrectionJob(database: database, clock: clock, settings: practice)
        let analyses = ItemAnalysisQueries(database: database, now: { clock.now() })
        let prune = PruneQueries(database: database, clock: clock, logRetention: logRetention)
        let readiness = ReadinessRefresh(database: database, clock: clock, settings: practice)
        let recalibration = Recalibration(database: database, now: { clock.now() })
        let analytics = AnalyticsRefresh(database: database, now: { clock.now() })
        var jobs = [
            ScheduledJob(
                name: "expire-tryout-sittings", summary: "Close and score tryout sittings whose time ran out unattended.",
                period: .seconds(60), recordsIdleRuns: false
            ) { _ in
                let scored = try await sittings.closeExpired()
                return .init(rows: scored, note: scored > 0 ? "scored \(scored) abandoned sitting(s)" : nil)
            },
            ScheduledJob(
                name: "key-corrections", summary: "Replay the students a key correction affects, a batch of 200 at a time.",
                period: .seconds(5), recordsIdleRuns: false
            ) { shouldStop in
                var students = 0
                while let progress = try await corrections.runBatch() {
                    students += progress.replayed
                    if shouldStop() { return .init(rows: students, note: "stopped for shutdown", interrupted: true) }
                }
                return .init(rows: students)
            },
            ScheduledJob(
                name: "refresh-question-stats",
                summary: "Item analysis of every live question and the questions' counters (attempt_count, correct_rate, avg_time_seconds).",
                period: .seconds(3600), recordsIdleRuns: true
            ) { shouldStop in
                let (analysed, finished) = try await analyses.refresh(shouldStop: shouldStop)
                return .init(rows: analysed, note: "\(analysed) question(s) analysed", interrupted: !finished)
            },
            ScheduledJob(
                name: "refresh-analytics", summary: "Add the answers since the last run to the founders' daily summaries.",
                period: .seconds(600), recordsIdleRuns: false
            ) { shouldStop in
                let (answers, finished) = try await analytics.run(shouldStop: shouldStop)
                return .init(rows: answers, note: answers > 0 ? "\(answers) answer(s) summed" : nil, interrupted: !finished)
            },
            ScheduledJob(
                name: "refresh-readiness",
                summary: "Store the θ trend, weekly improvement and ready-by forecast of every section answered since its last refresh (or a day ago).",
                period: .seconds(3600), recordsIdleRuns: true
            ) { shouldStop in
                let (sections, finished) = try await readiness.run(shouldStop: shouldStop)
                return .init(rows: sections, note: "\(sections) section(s) refreshed", interrupted: !finished)
            },
            ScheduledJob(
                name: "recalibrate",
                summary: "Recalibrate each bank with 1,000 new answers: promote pretest questions, refresh parameters, flag drift.",
                period: .seconds(86_400), recordsIdleRuns: true
            ) { shouldStop in
                let (reports, finished) = try await recalibration.run(shouldStop: shouldStop)
                let calibrated = reports.filter { $0.outcome != nil }
                let promoted = calibrated.reduce(0) { $0 + ($1.outcome?.count(.promoted) ?? 0) }
                return .init(rows: calibrated.reduce(0) { $0 + $1.applied },
                    note: "\(calibrated.count) subtest(s) calibrated, \(promoted) question(s) promoted", interrupted: !finished)
            },
            ScheduledJob(
                name: "prune",
                summary: "Remove webhook delivery ids past 30 days, expired AI feedback cache entries, and error logs and job runs past their retention.",
                period: .seconds(86_400), recordsIdleRuns: true
            ) { _ in
                let report = try await prune.prune()
                return .init(rows: report.webhookDeliveries + report.expiredFeedbackCache + report.errorLogs + report.jobRuns,
                    note: "\(report.webhookDeliveries) delivery id(s), \(report.expiredFeedbackCache) cache entr(ies), "
                        + "\(report.errorLogs) error log(s), \(report.jobRuns) job run(s)")
            },
        ]
        if let midtrans {
            let reconciliation = PaymentReconciliation(
                client: midtrans, ledger: PaymentLedger(database: database, clock: clock), clock: clock, logger: logger)
            jobs.append(ScheduledJob(
                name: "reconcile-payments", summary: "Ask Midtrans about orders still pending after their payment page expired.",
                period: .seconds(300), recordsIdleRuns: false
            ) { _ in
                let summary = try await reconciliation.run()
                return .init(rows: summary.checked, note: summary.checked > 0 ? "\(summary)" : nil)
            })
        }
        self.jobs = jobs
    }

    public func job(named name: String) -> ScheduledJob? {
        jobs.first { $0.name == name }
    }
}
