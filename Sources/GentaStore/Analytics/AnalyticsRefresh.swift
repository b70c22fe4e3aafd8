import Foundation
import GentaCore
import SQLKit

/// The `refresh-analytics` job: adds the answers recorded since the last run to the summaries
/// (`daily_active_students`, `daily_answers`, `weekly_active_students`) and recounts the totals
/// of the days and weeks it touched, a week of answers per transaction.
///
/// Answers are summed up to a minute before now, never later: an answer's `created_at` is read
/// inside its transaction, which may commit a little after a later-stamped one; no transaction
/// lives a minute (the database watchdog ends them sooner), so nothing is skipped. The run's
/// lock (the scheduler's) makes each answer counted once.
public struct AnalyticsRefresh: Sendable {
    let database: any Database
    let now: @Sendable () -> Date
    static let progressName = "answers"
    static let settleTime: TimeInterval = 60
    static let step: TimeInterval = 7 * 86_400

    public init(database: any Database, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.now = now
    }

    /// Sums new answers until caught up or `shouldStop`; returns the answers added.
    public func run(shouldStop: @Sendable () -> Bool = { false }) async throws -> (answers: Int, finished: Bool) {
        let until = now().addingTimeInterval(-Self.settleTime)
        var added = 0
        while !shouldStop() {
            let step = try await database.transaction { db -> (answers: Int, done: Bool) in
                var start = try await progress(db)
                if start == nil { start = try await earliestAnswer(db) }
                let from = start ?? until
                guard from < until else { return (0, true) }
                let to = min(from.addingTimeInterval(Self.step), until)
                let answers = try await sum(from: from, to: to, db)
                try await db.raw("""
                    INSERT INTO analytics_progress (name, summed_through) VALUES (\(bind: Self.progressName), \(bind: to))
                    ON CONFLICT (name) DO UPDATE SET summed_through = excluded.summed_through
                    """).run()
                return (answers, to >= until)
            }
            added += step.answers
            if step.done { return (added, true) }
        }
        return (added, false)
    }

    private func progress(_ db: any SQLDatabase) async throws -> Date? {
        try await db.raw("SELECT summed_through FROM analytics_progress WHERE name = \(bind: Self.progressName)")
            .first()?.decode(column: "summed_through", as: Date.self)
    }

    private func earliestAnswer(_ db: any SQLDatabase) async throws -> Date? {
        try await db.raw("SELECT MIN(created_at) AS first FROM attempts").first()?.decode(column: "first", as: Date?.self)
    }

    /// Adds the answers stamped in [from, to) to both summaries; returns how many.
    private func sum(from: Date, to: Date, _ db: any SQLDatabase) async throws -> Int {
        let window: SQLQueryString = "created_at >= \(bind: from) AND created_at < \(bind: to) AND deleted_at IS NULL"
        try await db.raw("""
            INSERT INTO daily_active_students (day, user_id, answers)
            SELECT \(WIBDay("created_at")), user_id, COUNT(*) FROM attempts WHERE \(window)
            GROUP BY \(WIBDay("created_at")), user_id
            ON CONFLICT (day, user_id) DO UPDATE SET answers = daily_active_students.answers + excluded.answers
            """).run()
        try await db.raw("""
            INSERT INTO daily_answers (day, section, answers, correct)
            SELECT \(WIBDay("created_at")), section, COUNT(*), SUM(CASE WHEN is_correct THEN 1 ELSE 0 END)
            FROM attempts WHERE \(window) AND section IS NOT NULL
            GROUP BY \(WIBDay("created_at")), section
            ON CONFLICT (day, section) DO UPDATE SET answers = daily_answers.answers + excluded.answers,
                correct = daily_answers.correct + excluded.correct
            """).run()
        try await db.raw("""
            INSERT INTO weekly_active_students (week, user_id, cohort)
            SELECT DISTINCT \(WIBWeek(source: .timestamp("a.created_at"))), a.user_id, \(WIBWeek(source: .timestamp("u.created_at")))
            FROM attempts a JOIN users u ON u.id = a.user_id
            WHERE a.created_at >= \(bind: from) AND a.created_at < \(bind: to) AND a.deleted_at IS NULL
              AND u.role = 'student' AND u.deleted_at IS NULL
            ON CONFLICT (week, user_id) DO NOTHING
            """).run()
        try await recount(days: Self.days(from: from, to: to), db)
        return try await db.raw("SELECT COUNT(*) AS n FROM attempts WHERE \(window)").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Recomputes the totals the reports read for the days (and their weeks) a step touched.
    private func recount(days: [CalendarDate], _ db: any SQLDatabase) async throws {
        let dayList = SQLList(days.map { SQLBind($0.description) })
        let weekList = SQLList(Set(days.map { AnalyticsQueries.monday(of: $0).description }).sorted().map { SQLBind($0) })
        try await db.raw("""
            INSERT INTO daily_totals (day, students)
            SELECT day, COUNT(*) FROM daily_active_students WHERE day IN (\(dayList)) GROUP BY day
            ON CONFLICT (day) DO UPDATE SET students = excluded.students
            """).run()
        try await db.raw("""
            INSERT INTO weekly_totals (week, students)
            SELECT week, COUNT(*) FROM weekly_active_students WHERE week IN (\(weekList)) GROUP BY week
            ON CONFLICT (week) DO UPDATE SET students = excluded.students
            """).run()
        try await db.raw("""
            INSERT INTO cohort_weeks (cohort, week, students)
            SELECT cohort, week, COUNT(*) FROM weekly_active_students WHERE week IN (\(weekList)) GROUP BY cohort, week
            ON CONFLICT (cohort, week) DO UPDATE SET students = excluded.students
            """).run()
    }

    /// The WIB days from the one `from` falls on to the one just before `to`.
    static func days(from: Date, to: Date) -> [CalendarDate] {
        var days: [CalendarDate] = []
        var day = PracticeDay.today(from)
        let last = PracticeDay.today(to.addingTimeInterval(-0.001))
        while day <= last {
            days.append(day)
            day = PracticeDay.today(PracticeDay.start(of: day).addingTimeInterval(86_400))
        }
        return days
    }
}
