import Foundation
import GentaCore
import SQLKit

/// The trend columns `refresh-readiness` writes on `user_readiness` (migration 13), and the
/// rule for when the stored trend may stand in for a fresh one.
enum StoredTrendColumns {
    static let list: SQLQueryString = """
        ready_by_status, days_to_ready, improvement_rate_per_week, trend_attempts_count, trend_target_score, \
        trend_refreshed_at
        """
    /// A stored trend is recomputed after this long even without new answers: the history
    /// window slides.
    static let maximumAge: TimeInterval = 86_400

    /// The stored trend when it was computed from every answer the row counts, for this target,
    /// within ``maximumAge``; nil when it must be computed again.
    static func currentTrend(_ row: any SQLRow, targetScore: Int?, now: Date) throws -> ReadinessTrend? {
        guard let status = try row.decode(column: "ready_by_status", as: String?.self),
              let refreshedAt = try row.decode(column: "trend_refreshed_at", as: Date?.self),
              now.timeIntervalSince(refreshedAt) < maximumAge,
              try row.decode(column: "trend_attempts_count", as: Int?.self)
                == (try row.decode(column: "total_attempts_count", as: Int.self)),
              try row.decode(column: "trend_target_score", as: Int?.self) == targetScore
        else { return nil }
        let stored = ReadinessTrend.Stored(
            status: status, daysToReady: try row.decode(column: "days_to_ready", as: Int?.self),
            improvementPerWeek: try row.decodeOptionalDouble(column: "improvement_rate_per_week"))
        return ReadinessTrend(stored: stored, now: now)
    }
}
