import Foundation
import GentaCore
import SQLKit

/// The founders' reports (admin): growth by sign-up week (seed Query 8, corrected), activity by
/// day, and retention by sign-up cohort. Each reads the summaries and totals `refresh-analytics`
/// keeps and `users`, never `attempts`, so it stays fast however many answers there are. Weeks are WIB
/// weeks, Monday to Sunday; days are WIB days. Students only: staff accounts are not growth.
public struct AnalyticsQueries: Sendable {
    let database: any Database
    let now: @Sendable () -> Date

    public init(database: any Database, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.now = now
    }

    public struct GrowthWeek: Sendable, Equatable {
        public var week: String
        public var newStudents: Int
        /// Of them, those whose paid plan (premium or premium_plus) is running now.
        public var paying: Int
        public var free: Int
        /// Of them, those who ever paid an order.
        public var converted: Int
        /// Of them, those who answered in the last 7 days.
        public var activeLast7Days: Int
    }

    /// Seed Query 8, corrected: both paid tiers, a paid tier only while it runs, activity from
    /// answers (the seed read `last_login`, which signing in sets, not practising), and
    /// conversion to paid; newest week first.
    public func growth(weeks: Int) async throws -> [GrowthWeek] {
        let now = now()
        let since = Self.weekStart(weeksBack: weeks - 1, now: now)
        let recent = PracticeDay.today(now.addingTimeInterval(-6 * 86_400)).description
        return try await database.withConnection { db in
            try await db.raw("""
                SELECT \(WIBWeek(source: .timestamp("u.created_at"))) AS week, COUNT(*) AS students,
                    SUM(CASE WHEN u.subscription_tier <> 'free' AND u.subscription_end_date > \(bind: now) THEN 1 ELSE 0 END) AS paying,
                    SUM(CASE WHEN EXISTS (SELECT 1 FROM payment_subscriptions p
                                          WHERE p.user_id = u.id AND p.payment_status = 'success') THEN 1 ELSE 0 END) AS converted,
                    SUM(CASE WHEN EXISTS (SELECT 1 FROM daily_active_students d
                                          WHERE d.user_id = u.id AND d.day >= \(bind: recent)) THEN 1 ELSE 0 END) AS active
                FROM users u
                WHERE u.created_at >= \(bind: since) AND u.deleted_at IS NULL AND u.role = 'student'
                GROUP BY \(WIBWeek(source: .timestamp("u.created_at")))
                ORDER BY week DESC
                """).all().map { row in
                let students = try row.decode(column: "students", as: Int.self)
                let paying = try row.decode(column: "paying", as: Int?.self) ?? 0
                return GrowthWeek(
                    week: try row.decode(column: "week", as: String.self), newStudents: students, paying: paying,
                    free: students - paying, converted: try row.decode(column: "converted", as: Int?.self) ?? 0,
                    activeLast7Days: try row.decode(column: "active", as: Int?.self) ?? 0)
            }
        }
    }

    public struct ActivityDay: Sendable, Equatable {
        public var day: String
        public var activeStudents: Int
        public var answers: [Section: Int]
        public var tryoutsStarted: Int
        public var tryoutsFinished: Int
    }

    public struct ActivityWeek: Sendable, Equatable {
        public var week: String
        public var activeStudents: Int
    }

    /// Daily active students, answers per subtest and tryouts per WIB day for the last `days`
    /// days (newest first), and weekly active students for the weeks they touch.
    public func activity(days: Int) async throws -> (days: [ActivityDay], weeks: [ActivityWeek]) {
        let now = now()
        let firstDay = PracticeDay.today(now.addingTimeInterval(-Double(days - 1) * 86_400))
        let first = firstDay.description
        let since = PracticeDay.start(of: now.addingTimeInterval(-Double(days - 1) * 86_400))
        return try await database.withConnection { db in
            var byDay: [String: ActivityDay] = [:]
            func entry(_ day: String) -> ActivityDay {
                byDay[day] ?? ActivityDay(day: day, activeStudents: 0, answers: [:], tryoutsStarted: 0, tryoutsFinished: 0)
            }
            for row in try await db.raw("""
                SELECT day, students FROM daily_totals WHERE day >= \(bind: first)
                """).all() {
                let day = try row.decode(column: "day", as: String.self)
                byDay[day] = entry(day)
                byDay[day]?.activeStudents = try row.decode(column: "students", as: Int.self)
            }
            for row in try await db.raw("SELECT day, section, answers FROM daily_answers WHERE day >= \(bind: first)").all() {
                let day = try row.decode(column: "day", as: String.self)
                byDay[day] = entry(day)
                byDay[day]?.answers[try Section.decode(row, "section")] = try row.decode(column: "answers", as: Int.self)
            }
            for column in ["started_at", "finished_at"] {
                for row in try await db.raw("""
                    SELECT \(WIBDay(column)) AS day, COUNT(*) AS sittings FROM tryout_sittings
                    WHERE \(unsafeRaw: column) >= \(bind: since) GROUP BY \(WIBDay(column))
                    """).all() {
                    let day = try row.decode(column: "day", as: String.self)
                    byDay[day] = entry(day)
                    let count = try row.decode(column: "sittings", as: Int.self)
                    if column == "started_at" { byDay[day]?.tryoutsStarted = count } else { byDay[day]?.tryoutsFinished = count }
                }
            }
            let weeks = try await db.raw("""
                SELECT week, students FROM weekly_totals WHERE week >= \(bind: Self.monday(of: firstDay).description)
                ORDER BY week DESC
                """).all().map {
                ActivityWeek(week: try $0.decode(column: "week", as: String.self), activeStudents: try $0.decode(column: "students", as: Int.self))
            }
            return (byDay.values.sorted { $0.day > $1.day }, weeks)
        }
    }

    public struct Cohort: Sendable, Equatable {
        public var week: String
        public var students: Int
        /// Students of the cohort who answered in their sign-up week (index 0), the week after, …
        /// up to the current week.
        public var activeByWeek: [Int]
    }

    /// Retention by sign-up week for the last `weeks` cohorts, newest first.
    public func retention(weeks: Int) async throws -> [Cohort] {
        let now = now()
        let since = Self.weekStart(weeksBack: weeks - 1, now: now)
        let thisWeek = Self.monday(of: PracticeDay.today(now)).description
        return try await database.withConnection { db in
            var cohorts: [String: Cohort] = [:]
            for row in try await db.raw("""
                SELECT \(WIBWeek(source: .timestamp("created_at"))) AS week, COUNT(*) AS students FROM users
                WHERE created_at >= \(bind: since) AND deleted_at IS NULL AND role = 'student'
                GROUP BY \(WIBWeek(source: .timestamp("created_at")))
                """).all() {
                let week = try row.decode(column: "week", as: String.self)
                let count = Self.weeksBetween(week, thisWeek) + 1
                cohorts[week] = Cohort(
                    week: week, students: try row.decode(column: "students", as: Int.self),
                    activeByWeek: Array(repeating: 0, count: max(count, 1)))
            }
            for row in try await db.raw("""
                SELECT cohort, week, students AS active FROM cohort_weeks
                WHERE cohort >= \(bind: Self.monday(of: PracticeDay.today(since)).description)
                """).all() {
                let cohort = try row.decode(column: "cohort", as: String.self)
                let offset = Self.weeksBetween(cohort, try row.decode(column: "week", as: String.self))
                guard let size = cohorts[cohort]?.activeByWeek.count, (0..<size).contains(offset) else { continue }
                cohorts[cohort]?.activeByWeek[offset] = try row.decode(column: "active", as: Int.self)
            }
            return cohorts.values.sorted { $0.week > $1.week }
        }
    }
}

extension AnalyticsQueries {
    /// The instant (WIB midnight) the week `weeksBack` weeks before the current one began.
    static func weekStart(weeksBack: Int, now: Date) -> Date {
        PracticeDay.start(of: monday(of: PracticeDay.today(now))).addingTimeInterval(-Double(weeksBack) * 7 * 86_400)
    }

    /// The Monday of a day's week. WIB has no daylight saving, so days are 86,400 s apart, and
    /// 1 January 2001 (the reference date) was a Monday.
    static func monday(of day: CalendarDate) -> CalendarDate {
        let start = PracticeDay.start(of: day)
        guard let days = Int(exactly: ((start.timeIntervalSinceReferenceDate + 7 * 3600) / 86_400).rounded()) else { return day }
        let offset = ((days % 7) + 7) % 7
        return PracticeDay.today(start.addingTimeInterval(-Double(offset) * 86_400))
    }

    /// Whole weeks from one Monday (`YYYY-MM-DD`) to another; −1 for text that is not a day.
    static func weeksBetween(_ from: String, _ to: String) -> Int {
        guard let a = CalendarDate(from), let b = CalendarDate(to) else { return -1 }
        let days = (PracticeDay.start(of: b).timeIntervalSince(PracticeDay.start(of: a)) / 86_400).rounded()
        return Int((days / 7).rounded(.down))
    }
}
