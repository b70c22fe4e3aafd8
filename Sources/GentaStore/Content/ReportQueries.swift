import Foundation
import GentaCore
import SQLKit

/// Students' reports of a problem with a question they answered. They show in the review queue;
/// when three different students report a wrong key or an unclear question, it is marked
/// ambiguous and leaves practice until a reviewer approves it again.
public struct ReportQueries: Sendable {
    let database: any Database
    let clock: WallClock
    /// Reports one student may file per day (WIB).
    public static let dailyLimit = 10
    /// Different students reporting a wrong key or an unclear question that take it out of practice.
    public static let ambiguityThreshold = 3

    public init(database: any Database, clock: WallClock) {
        self.database = database
        self.clock = clock
    }

    /// Files a report; the same open report again (same question and kind) is the one filed
    /// before (`created` false).
    public func report(
        _ questionID: UUID, by userID: UUID, kind: QuestionReport.Kind, note: String?
    ) async throws -> (report: QuestionReport, created: Bool) {
        try await database.transaction { db in
            let now = clock.now()
            try await db.lockUser(userID)
            let answered = try await db.raw("""
                SELECT 1 AS answered FROM attempts WHERE user_id = \(bind: userID) AND question_id = \(bind: questionID) LIMIT 1
                """).first() != nil
            guard answered else {
                throw AppError(.conflict, code: "answer_first", message: "You can report a problem with a question after answering it.")
            }
            if let open = try await db.raw("""
                SELECT id, note, created_at FROM question_reports
                WHERE user_id = \(bind: userID) AND question_id = \(bind: questionID) AND kind = \(bind: kind.rawValue) AND status = 'open'
                """).first() {
                return (QuestionReport(
                    id: try open.decode(column: "id", as: UUID.self), questionID: questionID, kind: kind,
                    note: try open.decode(column: "note", as: String?.self), status: "open",
                    createdAt: try open.decode(column: "created_at", as: Date.self)), false)
            }
            let today = try await db.raw("""
                SELECT COUNT(*) AS filed FROM question_reports
                WHERE user_id = \(bind: userID) AND created_at >= \(bind: PracticeDay.start(of: now))
                """).first()?.decode(column: "filed", as: Int.self) ?? 0
            guard today < Self.dailyLimit else {
                let retry = Bounded.integer(PracticeDay.nextStart(after: now).timeIntervalSince(now).rounded(.up), in: 1...86_400) ?? 86_400
                throw AppError(.tooManyRequests, code: "report_limit_reached",
                    message: "You have sent \(Self.dailyLimit) reports today; more tomorrow. Thank you for checking the questions.",
                    retryAfterSeconds: retry)
            }
            let report = QuestionReport(id: UUID(), questionID: questionID, kind: kind, note: note, status: "open", createdAt: now)
            try await db.raw("""
                INSERT INTO question_reports (id, question_id, user_id, kind, note, status, created_at)
                VALUES (\(bind: report.id), \(bind: questionID), \(bind: userID), \(bind: kind.rawValue), \(bind: note), 'open', \(bind: now))
                """).run()
            if kind == .wrongKey || kind == .unclear {
                let reporters = try await db.raw("""
                    SELECT COUNT(DISTINCT user_id) AS reporters FROM question_reports
                    WHERE question_id = \(bind: questionID) AND status = 'open' AND kind IN ('wrong_key', 'unclear')
                    """).first()?.decode(column: "reporters", as: Int.self) ?? 0
                if reporters >= Self.ambiguityThreshold {
                    try await db.raw("UPDATE questions SET is_ambiguous = \(bind: true) WHERE id = \(bind: questionID)").run()
                    try await TryoutForms.withdrawOutOfService([questionID], at: now, db)
                }
            }
            return (report, true)
        }
    }

    /// Closes the question's open reports: a reviewer approved it after looking at them.
    static func resolveOpen(_ questionID: UUID, by staff: UUID, at timestamp: Date, _ db: any SQLDatabase) async throws {
        try await db.raw("""
            UPDATE question_reports SET status = 'resolved', resolved_at = \(bind: timestamp), resolved_by = \(bind: staff)
            WHERE question_id = \(bind: questionID) AND status = 'open'
            """).run()
        try await db.raw("UPDATE questions SET is_ambiguous = \(bind: false) WHERE id = \(bind: questionID)").run()
    }

    /// The question's reports, newest first (for staff).
    public func reports(_ questionID: UUID) async throws -> [QuestionReport] {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT id, kind, note, status, created_at FROM question_reports
                WHERE question_id = \(bind: questionID) ORDER BY created_at DESC, id
                """).all().map { row in
                QuestionReport(
                    id: try row.decode(column: "id", as: UUID.self), questionID: questionID,
                    kind: QuestionReport.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .other,
                    note: try row.decode(column: "note", as: String?.self), status: try row.decode(column: "status", as: String.self),
                    createdAt: try row.decode(column: "created_at", as: Date.self))
            }
        }
    }
}
