import Foundation
import GentaCore
import SQLKit

/// The `refresh-analytics` job: adds the answers recorded since the last run to the daily
/// summaries (`daily_active_students`, `daily_answers`), a week of answers per transaction.
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
        return try await db.raw("SELECT COUNT(*) AS n FROM attempts WHERE \(window)").first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
