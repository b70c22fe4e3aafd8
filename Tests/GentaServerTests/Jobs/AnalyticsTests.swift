import Foundation
import GentaCore
@testable import GentaStore
import GentaTestSupport
import SQLKit
import Testing

/// The founders' reports over a small history whose every number is known: three students who
/// signed up over three WIB weeks (and one staff account, never counted), their answers on
/// known days, one paid plan.
@Suite("Analytics: growth, activity and retention from the daily summaries")
struct AnalyticsTests {
    /// Monday 30 November 2026, 09:00 WIB.
    static let now = TestDatabase.referenceNow

    /// An instant on a WIB day at a WIB hour.
    static func wib(_ day: String, _ hour: Double = 10) -> Date {
        PracticeDay.start(of: CalendarDate(day)!).addingTimeInterval(hour * 3600)
    }

    @Test("every report's numbers, and the refresh counts each answer once", arguments: TestDatabaseKind.allCases)
    func reports(kind: TestDatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            _ = try await DemoBankLoader(database: database, now: { Self.now }).loadIfNeeded()
            let (a, b, c, staff) = (UUID(), UUID(), UUID(), UUID())
            try await database.withConnection { db in
                let pu = try await db.raw("SELECT id FROM questions WHERE section = 'PU' LIMIT 1").first()!.decode(column: "id", as: UUID.self)
                let pk = try await db.raw("SELECT id FROM questions WHERE section = 'PK' LIMIT 1").first()!.decode(column: "id", as: UUID.self)
                for (id, created, role, tier) in [(a, "2026-11-16", "student", "free"), (b, "2026-11-17", "student", "free"),
                                                   (c, "2026-11-24", "student", "premium_plus"), (staff, "2026-11-24", "admin", "free")] {
                    try await db.raw("""
                        INSERT INTO users (id, clerk_id, email, role, subscription_tier, subscription_end_date, created_at, updated_at)
                        VALUES (\(bind: id), \(bind: "u_\(id)"), \(bind: "\(id)@example.com"), \(bind: role), \(bind: tier),
                            \(bind: tier == "free" ? nil : Self.now.addingTimeInterval(86_400 * 30)), \(bind: Self.wib(created)), \(bind: Self.wib(created)))
                        """).run()
                }
                try await db.raw("""
                    INSERT INTO payment_subscriptions (id, user_id, midtrans_order_id, plan_id, subscription_tier, plan_duration_days,
                        price_idr, payment_status, expires_at, paid_at, created_at, updated_at)
                    VALUES (\(bind: UUID()), \(bind: c), 'order-1', 'premium_plus_30', 'premium_plus', 30, 99000, 'success',
                        \(bind: Self.wib("2026-11-25")), \(bind: Self.wib("2026-11-24", 12)), \(bind: Self.wib("2026-11-24", 11)), \(bind: Self.wib("2026-11-24", 12)))
                    """).run()
                let answers: [(UUID, UUID, String, String, Double)] = [
                    (a, pu, "PU", "2026-11-16", 10), (a, pu, "PU", "2026-11-16", 11), (b, pu, "PU", "2026-11-16", 12),
                    (a, pk, "PK", "2026-11-25", 10), (c, pu, "PU", "2026-11-24", 10), (c, pu, "PU", "2026-11-29", 23.5),
                    (a, pu, "PU", "2026-11-30", 0.5),
                ]
                for (user, question, section, day, hour) in answers {
                    try await Self.insertAnswer(user: user, question: question, section: section, at: Self.wib(day, hour), db)
                }
            }
            let refresh = AnalyticsRefresh(database: database, now: { Self.now })
            #expect(try await refresh.run().answers == 7)
            #expect(try await refresh.run().answers == 0, "nothing is counted twice")

            let analytics = AnalyticsQueries(database: database, now: { Self.now })
            let growth = try await analytics.growth(weeks: 3)
            #expect(growth == [
                .init(week: "2026-11-23", newStudents: 1, paying: 1, free: 0, converted: 1, activeLast7Days: 1),
                .init(week: "2026-11-16", newStudents: 2, paying: 0, free: 2, converted: 0, activeLast7Days: 1),
            ])
            let activity = try await analytics.activity(days: 15)
            #expect(activity.days.map(\.day) == ["2026-11-30", "2026-11-29", "2026-11-25", "2026-11-24", "2026-11-16"])
            #expect(activity.days.map(\.activeStudents) == [1, 1, 1, 1, 2])
            #expect(activity.days.last?.answers == [.pu: 3])
            #expect(activity.days[2].answers == [.pk: 1])
            #expect(activity.weeks == [.init(week: "2026-11-30", activeStudents: 1), .init(week: "2026-11-23", activeStudents: 2),
                                       .init(week: "2026-11-16", activeStudents: 2)])
            let retention = try await analytics.retention(weeks: 3)
            #expect(retention == [
                .init(week: "2026-11-23", students: 1, activeByWeek: [1, 0]),
                .init(week: "2026-11-16", students: 2, activeByWeek: [2, 1, 1]),
            ])

            // A later answer is added to what was summed, not counted from scratch.
            try await database.withConnection { db in
                let pu = try await db.raw("SELECT id FROM questions WHERE section = 'PU' LIMIT 1").first()!.decode(column: "id", as: UUID.self)
                try await Self.insertAnswer(user: b, question: pu, section: "PU", at: Self.now.addingTimeInterval(60), db)
            }
            let later = AnalyticsRefresh(database: database, now: { Self.now.addingTimeInterval(600) })
            #expect(try await later.run().answers == 1)
            let today = try await AnalyticsQueries(database: database, now: { Self.now.addingTimeInterval(600) }).activity(days: 1)
            #expect(today.days.first?.activeStudents == 2 && today.days.first?.answers == [.pu: 2])
        }
    }

    static func insertAnswer(user: UUID, question: UUID, section: String, at time: Date, _ db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO attempts (id, user_id, question_id, selected_answer, is_correct, time_spent_seconds, user_theta_before,
                user_theta_after, theta_change, section, theta_variance_after, created_at)
            VALUES (\(bind: UUID()), \(bind: user), \(bind: question), 'A', \(bind: true), 30, 0, 0, 0, \(bind: section), 1, \(bind: time))
            """).run()
    }
}
