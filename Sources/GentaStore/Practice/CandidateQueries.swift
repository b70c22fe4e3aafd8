import Foundation
import GentaCore
import IRT
import SQLKit

/// The pools the next-question choice draws from.
enum CandidateQueries {
    /// Items without calibration yet are treated as average ones until calibrated.
    static let parameters: SQLQueryString = """
        q.id, q.sub_type, COALESCE(q.discrimination, 1.0) AS a, COALESCE(q.difficulty_irt, 0.0) AS b,
        COALESCE(q.guessing_param, 0.2) AS c
        """
    /// Questions the adaptive choice may serve: live, reviewed, unambiguous and operational.
    static let servable: SQLQueryString = """
        \(live) AND q.calibration_status = \(bind: ItemCalibration.operational)
        """
    static let live: SQLQueryString = """
        q.is_reviewed = \(bind: true) AND q.is_ambiguous = \(bind: false) AND q.deleted_at IS NULL
        """
    /// How far from θ (in difficulty) an item can still be informative enough to consider; the
    /// window keeps the pool small on a large bank.
    static let difficultyWindow = 2.0

    /// Servable items of the section not served to the student since `servedSince`, near θ
    /// when `around` is given, with their exposure rates (0 before the first analysis).
    static func fresh(
        userID: UUID, section: Section, servedSince: Date, around theta: Double?, _ db: any SQLDatabase
    ) async throws -> (candidates: [ItemCandidate<UUID>], exposure: [UUID: Double]) {
        let window: SQLQueryString = theta.map {
            " AND q.difficulty_irt BETWEEN \(bind: $0 - difficultyWindow) AND \(bind: $0 + difficultyWindow)"
        } ?? ""
        let rows = try await db.raw("""
            SELECT \(parameters), COALESCE(qs.exposure_rate, 0) AS exposure_rate
            FROM questions q LEFT JOIN question_statistics qs ON qs.question_id = q.id
            WHERE q.section = \(bind: section.rawValue) AND \(servable)\(window)
              AND NOT EXISTS (
                SELECT 1 FROM served_questions s
                WHERE s.user_id = \(bind: userID) AND s.question_id = q.id AND s.served_at > \(bind: servedSince))
            ORDER BY q.id
            LIMIT 500
            """).all()
        var exposure: [UUID: Double] = [:]
        let candidates = try rows.map { row in
            let candidate = try decode(row)
            exposure[candidate.id] = try row.decode(column: "exposure_rate", as: Double.self)
            return candidate
        }
        return (candidates, exposure)
    }

    /// Servable items sharing a passage with the question last served in this session, not
    /// served to the student since `servedSince`. Practice keeps a passage's questions
    /// together, so the student reads a text once rather than once per question; empty when
    /// that question stood alone or its passage is used up.
    static func samePassage(
        userID: UUID, sessionID: String, section: Section, servedSince: Date, _ db: any SQLDatabase
    ) async throws -> [ItemCandidate<UUID>] {
        try await db.raw("""
            SELECT \(parameters) FROM questions q
            WHERE q.passage_id = (
                SELECT last.passage_id FROM served_questions s JOIN questions last ON last.id = s.question_id
                WHERE s.session_id = \(bind: sessionID) AND s.user_id = \(bind: userID) AND s.section = \(bind: section.rawValue)
                ORDER BY s.served_at DESC LIMIT 1)
              AND q.section = \(bind: section.rawValue) AND \(servable)
              AND NOT EXISTS (
                SELECT 1 FROM served_questions s
                WHERE s.user_id = \(bind: userID) AND s.question_id = q.id AND s.served_at > \(bind: servedSince))
            ORDER BY q.id
            """).all().map(decode)
    }

    /// Live pretest questions of the section never served to the student, those with the
    /// fewest answers first (so every pretest question gathers its sample), at most `limit`.
    /// One that reached the promotion rule's ceiling of answers without being promoted is no
    /// longer served: more answers would not settle it, a person has to look.
    static func pretest(userID: UUID, section: Section, limit: Int, _ db: any SQLDatabase) async throws -> [UUID] {
        try await db.raw("""
            SELECT q.id FROM questions q
            WHERE q.section = \(bind: section.rawValue) AND \(live) AND q.calibration_status = \(bind: ItemCalibration.pretest)
              AND q.attempt_count < \(bind: PretestPromotion().maximumResponses)
              AND NOT EXISTS (SELECT 1 FROM served_questions s WHERE s.user_id = \(bind: userID) AND s.question_id = q.id)
            ORDER BY q.attempt_count, q.id
            LIMIT \(bind: limit)
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
    }

    /// Whether a pretest question may be served now: the session's last `every − 1` serves in
    /// the section were all operational (so at most one in `every`, and never the first).
    /// (By the student's serves, newest first: `idx_served_user_served_at` answers it.)
    static func pretestDue(userID: UUID, sessionID: String, section: Section, every: Int, _ db: any SQLDatabase) async throws -> Bool {
        guard every > 1 else { return every == 1 }

        let recent = try await db.raw("""
            SELECT is_pretest FROM served_questions
            WHERE user_id = \(bind: userID) AND session_id = \(bind: sessionID) AND section = \(bind: section.rawValue)
            ORDER BY served_at DESC LIMIT \(bind: every - 1)
            """).all().map { try $0.decode(column: "is_pretest", as: Bool.self) }
        return recent.count == every - 1 && !recent.contains(true)
    }

    /// When everything was served recently: the items served longest ago.
    static func leastRecentlyServed(userID: UUID, section: Section, _ db: any SQLDatabase) async throws -> [ItemCandidate<UUID>] {
        try await db.raw("""
            SELECT \(parameters), MAX(s.served_at) AS last_served FROM questions q
            JOIN served_questions s ON s.question_id = q.id AND s.user_id = \(bind: userID)
            WHERE q.section = \(bind: section.rawValue) AND \(servable)
            GROUP BY q.id, q.sub_type, q.discrimination, q.difficulty_irt, q.guessing_param
            ORDER BY last_served ASC, q.id
            LIMIT 20
            """).all().map(decode)
    }

    /// Sub types already served in this session and section, for content balancing.
    static func subTypesServed(sessionID: String, section: Section, _ db: any SQLDatabase) async throws -> [String: Int] {
        let rows = try await db.raw("""
            SELECT q.sub_type, COUNT(*) AS served FROM served_questions s JOIN questions q ON q.id = s.question_id
            WHERE s.session_id = \(bind: sessionID) AND s.section = \(bind: section.rawValue) AND q.sub_type IS NOT NULL
            GROUP BY q.sub_type
            """).all()
        var counts: [String: Int] = [:]
        for row in rows {
            counts[try row.decode(column: "sub_type", as: String.self)] = try row.decode(column: "served", as: Int.self)
        }
        return counts
    }

    static func decode(_ row: any SQLRow) throws -> ItemCandidate<UUID> {
        ItemCandidate(
            id: try row.decode(column: "id", as: UUID.self),
            parameters: ItemParameters(
                a: try row.decode(column: "a", as: Double.self), b: try row.decode(column: "b", as: Double.self),
                c: try row.decode(column: "c", as: Double.self)),
            subtype: try row.decode(column: "sub_type", as: String?.self))
    }
}
