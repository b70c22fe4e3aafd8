import Foundation
import GentaStore
import SQLKit

/// What holds in any consistent state of a database written through the practice API: each
/// answer's transaction writes the attempt, the section's readiness, the session's counters and
/// the overall θ together, so a snapshot taken between two of those writes shows up here.
enum PracticeConsistency {
    /// Every way `database` breaks those rules, in words; empty when it keeps them.
    static func problems(in database: any Database) async throws -> [String] {
        try await database.withConnection { db in try await problems(db) }
    }

    static func problems(_ db: any SQLDatabase) async throws -> [String] {
        try await readinessProblems(db) + (try await overallProblems(db)) + (try await sessionProblems(db))
    }

    /// Each section's stored θ, variance and count are those of the student's last answer there.
    private static func readinessProblems(_ db: any SQLDatabase) async throws -> [String] {
        struct Last { var theta: Double; var variance: Double; var at: Date; var count: Int }
        var last: [String: Last] = [:]
        for row in try await db.raw("""
            SELECT user_id, section, user_theta_after, theta_variance_after, created_at FROM attempts
            ORDER BY created_at, attempt_number_in_session
            """).all() {
            let key = "\(try row.decode(column: "user_id", as: UUID.self)) \(try row.decode(column: "section", as: String.self))"
            last[key] = Last(
                theta: try row.decode(column: "user_theta_after", as: Double.self),
                variance: try row.decode(column: "theta_variance_after", as: Double.self),
                at: try row.decode(column: "created_at", as: Date.self), count: (last[key]?.count ?? 0) + 1)
        }
        var problems: [String] = []
        for row in try await db.raw("""
            SELECT user_id, section, current_theta, current_theta_variance, total_attempts_count FROM user_readiness
            """).all() {
            let key = "\(try row.decode(column: "user_id", as: UUID.self)) \(try row.decode(column: "section", as: String.self))"
            let theta = try row.decode(column: "current_theta", as: Double.self)
            let variance = try row.decode(column: "current_theta_variance", as: Double.self)
            let total = try row.decode(column: "total_attempts_count", as: Int.self)
            guard let answer = last[key] else {
                if total != 0 { problems.append("\(key): \(total) answers counted, none stored") }
                continue
            }
            if total != answer.count { problems.append("\(key): \(total) answers counted, \(answer.count) stored") }
            if theta != answer.theta || variance != answer.variance {
                problems.append("\(key): θ \(theta) (variance \(variance)) stored, the last answer left \(answer.theta) (\(answer.variance))")
            }
        }
        return problems
    }

    /// `users.irt_theta` is the mean of the student's section θs, to three decimals.
    private static func overallProblems(_ db: any SQLDatabase) async throws -> [String] {
        var thetas: [UUID: [Double]] = [:]
        for row in try await db.raw("SELECT user_id, current_theta FROM user_readiness").all() {
            thetas[try row.decode(column: "user_id", as: UUID.self), default: []].append(try row.decode(column: "current_theta", as: Double.self))
        }
        var problems: [String] = []
        for row in try await db.raw("SELECT id, irt_theta FROM users").all() {
            let id = try row.decode(column: "id", as: UUID.self)
            guard let sections = thetas[id], !sections.isEmpty else { continue }
            let stored = try row.decode(column: "irt_theta", as: Double.self)
            let expected = ((sections.reduce(0, +) / Double(sections.count)) * 1000).rounded() / 1000
            if abs(stored - expected) > 1e-9 { problems.append("user \(id): overall θ \(stored), its sections say \(expected)") }
        }
        return problems
    }

    /// A session's counters are its stored answers.
    private static func sessionProblems(_ db: any SQLDatabase) async throws -> [String] {
        try await db.raw("""
            SELECT s.id, s.questions_attempted, s.questions_correct,
                (SELECT COUNT(*) FROM attempts a WHERE a.session_id = s.id) AS answered,
                (SELECT COUNT(*) FROM attempts a WHERE a.session_id = s.id AND a.is_correct) AS correct
            FROM user_study_sessions s
            """).all().compactMap { row in
            let counted = (try row.decode(column: "questions_attempted", as: Int.self), try row.decode(column: "questions_correct", as: Int.self))
            let stored = (try row.decode(column: "answered", as: Int.self), try row.decode(column: "correct", as: Int.self))
            guard counted != stored else { return nil }
            return "session \(try row.decode(column: "id", as: String.self)): counts \(counted), answers stored \(stored)"
        }
    }
}
