import Foundation
import GentaCore
import SQLKit

/// The θ trend of every section for the dashboard's charts.
public struct TrendQueries: Sendable {
    let database: any Database
    /// Answers read at most: a very busy student's oldest days drop out of the chart first.
    static let maximumAnswers = 3_000

    public init(database: any Database) {
        self.database = database
    }

    /// Per section, the last θ of each day over the `days` before `now`; sections without
    /// answers have an empty trend.
    public func trends(userID: UUID, days: Int, now: Date) async throws -> [ThetaTrend] {
        let since = now.addingTimeInterval(-Double(days) * 86_400)
        let rows = try await database.withConnection { db in
            try await db.raw("""
                SELECT section, user_theta_after, created_at FROM attempts
                WHERE user_id = \(bind: userID) AND deleted_at IS NULL AND created_at >= \(bind: since)
                ORDER BY created_at DESC
                LIMIT \(bind: Self.maximumAnswers)
                """).all()
        }
        var answers: [Section: [(at: Date, theta: Double)]] = [:]
        for row in rows {
            answers[try Section.decode(row, "section"), default: []].append(
                (try row.decode(column: "created_at", as: Date.self), try row.decode(column: "user_theta_after", as: Double.self)))
        }
        return Section.allCases.map { ThetaTrend(section: $0, answers: answers[$0] ?? []) }
    }
}
