import Foundation
import GentaCore
import IRT
import SQLKit

/// The `recalibrate` job and `genta recalibrate`: each bank with enough answers since its last
/// calibration is recalibrated subtest by subtest (``BankCalibrator``), and the outcome written
/// in one transaction per subtest — new parameters with a `calibrated` revision keeping the
/// old ones, promoted pretest questions, the run and every question's decision, and the bank's
/// `is_calibrated`, `calibration_date`, `calibration_sample_size`.
public struct Recalibration: Sendable {
    let database: any Database
    let now: @Sendable () -> Date
    let calibrator: BankCalibrator
    /// Answers to a bank's questions since its last calibration before it is due again.
    public let minimumNewAnswers: Int

    public init(
        database: any Database, now: @escaping @Sendable () -> Date, calibrator: BankCalibrator = BankCalibrator(),
        minimumNewAnswers: Int = 1_000
    ) {
        self.database = database
        self.now = now
        self.calibrator = calibrator
        self.minimumNewAnswers = minimumNewAnswers
    }

    /// One subtest's calibration: its run and outcome, or why it could not run.
    public struct SectionReport: Sendable {
        public var bankID: UUID
        public var section: Section
        public var runID: UUID?
        public var outcome: CalibrationOutcome?
        public var refusal: String?
        /// Questions whose parameters changed (some may have been edited meanwhile and skipped).
        public var applied: Int
    }

    /// Calibrates every due bank; stops between subtests when `shouldStop` says so.
    public func run(shouldStop: @Sendable () -> Bool = { false }) async throws -> (reports: [SectionReport], finished: Bool) {
        var reports: [SectionReport] = []
        for bankID in try await dueBanks() {
            for section in try await sections(of: bankID) {
                if shouldStop() { return (reports, false) }
                reports.append(try await calibrate(bankID: bankID, section: section))
            }
        }
        return (reports, true)
    }

    /// Calibrates one bank now (`genta recalibrate --bank`): refused, changing nothing, when the
    /// bank is unknown or has fewer than `minimumNewAnswers` answers since its last calibration.
    public func calibrate(bankID: UUID) async throws -> [SectionReport] {
        let fresh = try await database.withConnection { db in
            try await BankQueries.requireLive(bankID, db)
            return try await newAnswers(bankID: bankID, db)
        }
        guard fresh >= minimumNewAnswers else {
            throw AppError(.unprocessable, code: "too_few_answers",
                message: "Bank \(bankID) has \(fresh) answer(s) since its last calibration; a calibration needs at least \(minimumNewAnswers).")
        }
        var reports: [SectionReport] = []
        for section in try await sections(of: bankID) {
            reports.append(try await calibrate(bankID: bankID, section: section))
        }
        return reports
    }

    /// Live banks with at least `minimumNewAnswers` answers since their last calibration.
    public func dueBanks() async throws -> [UUID] {
        try await database.withConnection { db in
            var due: [UUID] = []
            for row in try await db.raw("SELECT id FROM question_banks WHERE deleted_at IS NULL ORDER BY id").all() {
                let id = try row.decode(column: "id", as: UUID.self)
                if try await newAnswers(bankID: id, db) >= minimumNewAnswers { due.append(id) }
            }
            return due
        }
    }

    private func newAnswers(bankID: UUID, _ db: any SQLDatabase) async throws -> Int {
        let last = try await db.raw("""
            SELECT MAX(started_at) AS last FROM calibration_runs WHERE bank_id = \(bind: bankID)
            """).first()?.decode(column: "last", as: Date?.self)
        return try await db.raw("""
            SELECT COUNT(*) AS n FROM attempts a JOIN questions q ON q.id = a.question_id
            WHERE q.question_bank_id = \(bind: bankID) AND a.deleted_at IS NULL
              AND a.created_at > \(bind: last ?? Date(timeIntervalSince1970: 0))
            """).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    private func sections(of bankID: UUID) async throws -> [Section] {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT DISTINCT section FROM questions WHERE question_bank_id = \(bind: bankID) AND deleted_at IS NULL
                """).all().map { try Section.decode($0, "section") }.sorted { $0.rawValue < $1.rawValue }
        }
    }

    private func calibrate(bankID: UUID, section: Section) async throws -> SectionReport {
        let startedAt = now()
        let input = try await database.withConnection { db in try await CalibrationInput.read(bankID: bankID, section: section, db) }
        let outcome: CalibrationOutcome
        do {
            outcome = try calibrator.calibrate(items: input.items, answers: input.answers)
        } catch {
            return SectionReport(bankID: bankID, section: section, runID: nil, outcome: nil, refusal: error.description, applied: 0)
        }
        let runID = UUID()
        let applied = try await database.transaction { db in
            try await CalibrationWriter(runID: runID, bankID: bankID, section: section, startedAt: startedAt, finishedAt: now())
                .write(outcome, revisions: input.revisions, db)
        }
        return SectionReport(bankID: bankID, section: section, runID: runID, outcome: outcome, refusal: nil, applied: applied)
    }
}
