import Foundation
import GentaCore
import GentaStore
import Hummingbird

/// The founders' analytics (admins): growth, activity and retention, as JSON for the console.
/// Revenue per day and plan is `GET /api/v1/admin/payments/revenue`, LLM cost `…/admin/llm-cost`.
struct AdminAnalyticsController {
    let analytics: AnalyticsQueries

    func addRoutes(to group: Routes) {
        group.get("admin/analytics/growth") { request, context in
            _ = try context.requireAdmin("see analytics")
            let weeks = try Self.count(request, "weeks", default: 12, in: 1...104)
            return Response.json(GrowthResponse(weeks: try await analytics.growth(weeks: weeks).map {
                .init(week: $0.week, new_students: $0.newStudents, paying: $0.paying, free: $0.free,
                    converted: $0.converted, conversion_rate: Self.rate($0.converted, of: $0.newStudents) ?? 0,
                    active_last_7_days: $0.activeLast7Days)
            }))
        }
        group.get("admin/analytics/activity") { request, context in
            _ = try context.requireAdmin("see analytics")
            let days = try Self.count(request, "days", default: 30, in: 1...366)
            let report = try await analytics.activity(days: days)
            return Response.json(ActivityResponse(
                days: report.days.map {
                    .init(day: $0.day, active_students: $0.activeStudents,
                        answers: Dictionary(uniqueKeysWithValues: $0.answers.map { ($0.key.rawValue, $0.value) }),
                        tryouts_started: $0.tryoutsStarted, tryouts_finished: $0.tryoutsFinished)
                },
                weeks: report.weeks.map { .init(week: $0.week, active_students: $0.activeStudents) }))
        }
        group.get("admin/analytics/retention") { request, context in
            _ = try context.requireAdmin("see analytics")
            let weeks = try Self.count(request, "weeks", default: 12, in: 1...52)
            return Response.json(RetentionResponse(cohorts: try await analytics.retention(weeks: weeks).map { cohort in
                .init(week: cohort.week, students: cohort.students, active_by_week: cohort.activeByWeek,
                    retention_by_week: cohort.activeByWeek.map { Self.rate($0, of: cohort.students) ?? 0 })
            }))
        }
    }

    static func count(_ request: Request, _ name: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        try Input.integer(request.uri.queryParameters[Substring(name)].map(String.init), field: name, default: fallback, in: range)
    }

    /// A share rounded to 0.001; nil of nothing.
    static func rate(_ part: Int, of whole: Int) -> Double? {
        whole > 0 ? (Double(part) / Double(whole) * 1000).rounded() / 1000 : nil
    }
}

struct GrowthResponse: Encodable {
    struct Week: Encodable {
        let week: String
        let new_students: Int
        let paying: Int
        let free: Int
        let converted: Int
        let conversion_rate: Double
        let active_last_7_days: Int
    }
    let weeks: [Week]
}

struct ActivityResponse: Encodable {
    struct Day: Encodable {
        let day: String
        let active_students: Int
        let answers: [String: Int]
        let tryouts_started: Int
        let tryouts_finished: Int
    }
    struct Week: Encodable {
        let week: String
        let active_students: Int
    }
    let days: [Day]
    let weeks: [Week]
}

struct RetentionResponse: Encodable {
    struct Cohort: Encodable {
        let week: String
        let students: Int
        let active_by_week: [Int]
        let retention_by_week: [Double]
    }
    let cohorts: [Cohort]
}
