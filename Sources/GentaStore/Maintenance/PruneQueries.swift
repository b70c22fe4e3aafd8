import Foundation
import GentaCore
import SQLKit

/// Removes rows that can no longer matter, so the tables that grow with traffic stay bounded:
///
/// - `webhook_deliveries` older than the retention (30 days). A delivery id is kept only to
///   recognise Svix's retries, which end about 28 hours after the first attempt (docs/AUTH.md).
///   A replay an operator starts by hand later is still harmless: account changes are applied
///   by version, so an old one is stale.
/// - `feedback_cache` entries past `expires_at`, which lookups already ignore.
/// - `error_logs` and finished `job_runs` older than the log retention (90 days by default,
///   `GENTA_LOG_RETENTION_DAYS`): long enough to compare a quarter, short enough that the
///   tables stay small.
///
/// Rows go in batches of `batchSize`, each its own short statement, so a large backlog never
/// holds locks or a transaction for long while the server keeps running. The cut-off times are
/// taken from the injected clock once and bound as parameters.
public struct PruneQueries: Sendable {
    /// How long a webhook delivery id is remembered: far beyond Svix's retry schedule.
    public static let defaultWebhookRetention: TimeInterval = 30 * 86_400
    public static let defaultBatchSize = 1_000
    /// How long error logs and job runs are kept.
    public static let defaultLogRetention: TimeInterval = 90 * 86_400

    /// What was (or, in a dry run, would be) removed, and the cut-offs used.
    public struct Report: Sendable, Equatable {
        public var webhookDeliveries: Int
        public var expiredFeedbackCache: Int
        public var errorLogs: Int
        public var jobRuns: Int
        /// Deliveries received before this were removed.
        public var deliveriesReceivedBefore: Date
        /// Cache entries that had expired by this time were removed.
        public var cacheExpiredBy: Date
        /// Error logs and job runs from before this were removed.
        public var logsBefore: Date
    }

    let database: any Database
    let clock: WallClock
    let webhookRetention: TimeInterval
    let logRetention: TimeInterval
    let batchSize: Int

    public init(
        database: any Database, clock: WallClock, webhookRetention: TimeInterval = defaultWebhookRetention,
        logRetention: TimeInterval = defaultLogRetention, batchSize: Int = defaultBatchSize
    ) {
        self.logRetention = logRetention
        self.database = database
        self.clock = clock
        self.webhookRetention = webhookRetention
        self.batchSize = max(batchSize, 1)
    }

    /// Removes what is due; with `dryRun`, only counts it.
    public func prune(dryRun: Bool = false) async throws -> Report {
        let now = clock.now()
        let deliveriesBefore = now.addingTimeInterval(-webhookRetention)
        let logsBefore = now.addingTimeInterval(-logRetention)
        let deliveries: Int
        let cache: Int
        let errors: Int
        let runs: Int
        if dryRun {
            deliveries = try await count("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE received_at < \(bind: deliveriesBefore)")
            cache = try await count("SELECT COUNT(*) AS n FROM feedback_cache WHERE expires_at <= \(bind: now)")
            errors = try await count("SELECT COUNT(*) AS n FROM error_logs WHERE created_at < \(bind: logsBefore)")
            runs = try await count("SELECT COUNT(*) AS n FROM job_runs WHERE started_at < \(bind: logsBefore) AND finished_at IS NOT NULL")
        } else {
            // The outer condition repeats the inner one: an entry refreshed after the inner
            // SELECT chose it (a new expiry written by the feedback store) is re-checked and kept.
            deliveries = try await deleteInBatches { limit in """
                DELETE FROM webhook_deliveries
                WHERE id IN (SELECT id FROM webhook_deliveries WHERE received_at < \(bind: deliveriesBefore) LIMIT \(bind: limit))
                  AND received_at < \(bind: deliveriesBefore)
                RETURNING id
                """ }
            cache = try await deleteInBatches { limit in """
                DELETE FROM feedback_cache
                WHERE id IN (SELECT id FROM feedback_cache WHERE expires_at <= \(bind: now) LIMIT \(bind: limit))
                  AND expires_at <= \(bind: now)
                RETURNING id
                """ }
            errors = try await deleteInBatches { limit in """
                DELETE FROM error_logs
                WHERE id IN (SELECT id FROM error_logs WHERE created_at < \(bind: logsBefore) LIMIT \(bind: limit))
                RETURNING id
                """ }
            runs = try await deleteInBatches { limit in """
                DELETE FROM job_runs
                WHERE id IN (SELECT id FROM job_runs WHERE started_at < \(bind: logsBefore) AND finished_at IS NOT NULL LIMIT \(bind: limit))
                RETURNING id
                """ }
        }
        return Report(
            webhookDeliveries: deliveries, expiredFeedbackCache: cache, errorLogs: errors, jobRuns: runs,
            deliveriesReceivedBefore: deliveriesBefore, cacheExpiredBy: now, logsBefore: logsBefore)
    }

    /// Runs `statement` (which deletes at most `limit` rows and returns one row per row deleted)
    /// until a batch comes back short; the total removed. The cut-offs are fixed, so rows
    /// arriving meanwhile are never due and the loop ends.
    private func deleteInBatches(_ statement: (Int) -> SQLQueryString) async throws -> Int {
        var total = 0
        while true {
            let query = statement(batchSize)
            let removed = try await database.withConnection { db in try await db.raw(query).all().count }
            total += removed
            if removed < batchSize { return total }
        }
    }

    private func count(_ query: SQLQueryString) async throws -> Int {
        try await database.withConnection { db in try await db.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0 }
    }
}
