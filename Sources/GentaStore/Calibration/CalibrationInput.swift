import Foundation
import GentaCore
import IRT
import SQLKit

/// What a calibration of one bank's subtest reads: its questions in service and each
/// student's first answer to each of them.
struct CalibrationInput {
    var items: [BankCalibrator.Item]
    /// The revision each question had when read: a question edited meanwhile is left alone.
    var revisions: [UUID: Int]
    var answers: [[(item: Int, correct: Bool)]]

    /// Questions in service (reviewed, unambiguous, live) of the bank's subtest.
    static func read(bankID: UUID, section: Section, _ db: any SQLDatabase) async throws -> CalibrationInput {
        let rows = try await db.raw("""
            SELECT q.id, q.revision, q.difficulty_irt, q.discrimination, q.guessing_param, q.calibration_status
            FROM questions q
            WHERE q.question_bank_id = \(bind: bankID) AND q.section = \(bind: section.rawValue) AND \(CandidateQueries.live)
            ORDER BY q.id
            """).all()
        let previous = try await previousErrors(bankID: bankID, section: section, db)
        var items: [BankCalibrator.Item] = []
        var revisions: [UUID: Int] = [:]
        var index: [UUID: Int] = [:]
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            index[id] = items.count
            revisions[id] = try row.decode(column: "revision", as: Int.self)
            items.append(BankCalibrator.Item(
                id: id,
                calibration: ItemCalibration(
                    difficulty: try row.decodeOptionalDouble(column: "difficulty_irt") ?? 0,
                    discrimination: try row.decodeOptionalDouble(column: "discrimination") ?? 1,
                    guessing: try row.decodeOptionalDouble(column: "guessing_param") ?? 0.2,
                    isPretest: try row.decode(column: "calibration_status", as: String.self) == ItemCalibration.pretest),
                previousErrors: previous[id]))
        }
        return CalibrationInput(
            items: items, revisions: revisions, answers: try await firstAnswers(bankID: bankID, section: section, index: index, db))
    }

    /// Each student's first answer to each question (a second sight of a question is not an
    /// independent response), in practice and pretest alike.
    private static func firstAnswers(
        bankID: UUID, section: Section, index: [UUID: Int], _ db: any SQLDatabase
    ) async throws -> [[(item: Int, correct: Bool)]] {
        let rows = try await db.raw("""
            SELECT a.user_id, a.question_id, a.is_correct FROM attempts a JOIN questions q ON q.id = a.question_id
            WHERE q.question_bank_id = \(bind: bankID) AND a.section = \(bind: section.rawValue) AND a.deleted_at IS NULL
            ORDER BY a.user_id, a.created_at, a.id
            """).all()
        var students: [[(item: Int, correct: Bool)]] = []
        var currentUser: UUID?
        var seen: Set<Int> = []
        for row in rows {
            guard let item = index[try row.decode(column: "question_id", as: UUID.self)] else { continue }
            let user = try row.decode(column: "user_id", as: UUID.self)
            if user != currentUser {
                currentUser = user
                seen = []
                students.append([])
            }
            if seen.insert(item).inserted {
                students[students.count - 1].append((item, try row.decode(column: "is_correct", as: Bool.self)))
            }
        }
        return students
    }

    /// The standard errors of each question's last accepted estimate: a question that has
    /// them was calibrated before, so a large move is drift, not a first estimate.
    private static func previousErrors(bankID: UUID, section: Section, _ db: any SQLDatabase) async throws -> [UUID: ParameterErrors] {
        let rows = try await db.raw("""
            SELECT c.question_id, c.se_a, c.se_b, c.se_c FROM question_calibrations c
            JOIN calibration_runs r ON r.id = c.run_id
            WHERE r.bank_id = \(bind: bankID) AND r.section = \(bind: section.rawValue)
              AND c.outcome IN ('updated', 'unchanged', 'promoted') AND c.se_a IS NOT NULL AND c.se_b IS NOT NULL
            ORDER BY r.started_at
            """).all()
        var errors: [UUID: ParameterErrors] = [:]
        for row in rows {
            errors[try row.decode(column: "question_id", as: UUID.self)] = ParameterErrors(
                a: try row.decode(column: "se_a", as: Double.self), b: try row.decode(column: "se_b", as: Double.self),
                c: try row.decode(column: "se_c", as: Double?.self))
        }
        return errors
    }
}
