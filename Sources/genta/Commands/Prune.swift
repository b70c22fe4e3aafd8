import ArgumentParser
import Foundation
import GentaCore
import GentaStore

struct Prune: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove rows that can no longer matter: old webhook delivery ids, expired AI feedback cache, old error logs and job runs.",
        discussion: """
            Deletes webhook delivery ids received more than 30 days ago (kept only to recognise \
            retries, which end within about a day) and AI feedback cache entries past their \
            expiry, and error logs and finished job runs older than GENTA_LOG_RETENTION_DAYS (90), \
            in batches of 1,000 so a running server is not held up. Safe to run at any \
            time and as often as wanted. Migrations are applied first. See docs/OPERATIONS.md.
            """
    )

    @Flag(help: "Count what would be removed; remove nothing.")
    var dryRun = false

    func run() async throws {
        try await CommandSupport.withDatabase { configuration, _, database in
            try await Migrator(database: database, now: WallClock.system.now).migrate()
            let report = try await PruneQueries(database: database, clock: .system, logRetention: configuration.logRetention)
                .prune(dryRun: dryRun)
            let verb = dryRun ? "Would remove" : "Removed"
            let cutoff = ISO8601DateFormatter().string(from: report.deliveriesReceivedBefore)
            print("Database: \(database.location)")
            print("\(verb) \(report.webhookDeliveries) webhook delivery id(s) received before \(cutoff).")
            print("\(verb) \(report.expiredFeedbackCache) expired AI feedback cache entr\(report.expiredFeedbackCache == 1 ? "y" : "ies").")
            print("\(verb) \(report.errorLogs) error log(s) and \(report.jobRuns) job run(s) from before \(ISO8601DateFormatter().string(from: report.logsBefore)).")
        }
    }
}
