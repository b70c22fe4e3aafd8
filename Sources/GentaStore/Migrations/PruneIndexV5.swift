/// Version 5: pruning finds old webhook deliveries by age.
///
/// `webhook_deliveries` gains a row for every Clerk account event (a sign-in updates the user,
/// so this is about one per active student per day); `genta prune` removes those past their
/// retention in batches, and without this index every batch would read the whole table.
/// `feedback_cache` already has `idx_feedback_cache_expires`.
enum PruneIndexV5 {
    static let up = ["CREATE INDEX idx_webhook_deliveries_received ON webhook_deliveries (received_at)"]
    static let down = ["DROP INDEX idx_webhook_deliveries_received"]
}
