/// Version 13: the stored readiness trend that `refresh-readiness` keeps.
///
/// `user_readiness` already had the seed's `ready_by_date`, `days_to_ready` and
/// `improvement_rate_per_week`; nothing wrote them. The job now does, with:
/// - `ready_by_status`: the forecast's outcome in the API's words (`forecast`, `already_ready`,
///   `no_target`, `not_enough_data`, `not_improving`);
/// - `trend_attempts_count`: the section's `total_attempts_count` the trend was computed from —
///   the trend is current exactly while the two are equal (an integer, so no clock comparison);
/// - `trend_target_score`: the target it was computed for;
/// - `trend_refreshed_at`: when, so a trend older than a day is recomputed (the 90-day window
///   slides).
enum ReadinessTrendV13 {
    static let statuses = "'forecast', 'already_ready', 'no_target', 'not_enough_data', 'not_improving'"

    static func up(_ dialect: Dialect) -> [String] {
        let timestamp = dialect == .postgres ? "TIMESTAMPTZ" : "REAL"
        return [
            "ALTER TABLE user_readiness ADD COLUMN ready_by_status VARCHAR(20) CHECK (ready_by_status IN (\(statuses)))",
            "ALTER TABLE user_readiness ADD COLUMN trend_attempts_count INTEGER CHECK (trend_attempts_count >= 0)",
            "ALTER TABLE user_readiness ADD COLUMN trend_target_score INTEGER",
            "ALTER TABLE user_readiness ADD COLUMN trend_refreshed_at \(timestamp)",
        ]
    }

    static func down(_ dialect: Dialect) -> [String] {
        ["trend_refreshed_at", "trend_target_score", "trend_attempts_count", "ready_by_status"].map {
            "ALTER TABLE user_readiness DROP COLUMN \($0)"
        }
    }
}
