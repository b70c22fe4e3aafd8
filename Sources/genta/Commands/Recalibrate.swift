import ArgumentParser
import Foundation
import GentaCore
import GentaStore

/// `genta recalibrate`: the calibration loop now, for every due bank or for one.
struct Recalibrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recalibrate question banks from students' answers and promote pretest questions.",
        discussion: """
            Without --bank: every bank with enough answers since its last calibration, as the \
            scheduled job does. With --bank: that bank now, refused (exit 1, nothing changed) when \
            it has too few new answers. docs/CALIBRATION.md explains the two passes and the \
            decisions. Migrations are applied first.
            """
    )

    @Option(help: "The bank to calibrate (its id).")
    var bank: String?

    @Option(help: "Answers since the last calibration a bank needs (1–100000000).")
    var minimumNewAnswers = 1_000

    func run() async throws {
        guard (1...100_000_000).contains(minimumNewAnswers) else {
            throw ValidationError("--minimum-new-answers must be 1 to 100000000.")
        }
        let bankID = try bank.map { text -> UUID in
            guard let id = UUID(uuidString: text) else { throw ValidationError("--bank must be a bank id (a UUID).") }
            return id
        }
        let minimum = minimumNewAnswers
        try await CommandSupport.withDatabase { database in
            try await Migrator(database: database, now: WallClock.system.now).migrate()
            let recalibration = Recalibration(database: database, now: WallClock.system.now, minimumNewAnswers: minimum)
            let reports: [Recalibration.SectionReport]
            if let bankID {
                do {
                    reports = try await recalibration.calibrate(bankID: bankID)
                } catch let error as AppError {
                    CommandSupport.fail(error.message)
                }
            } else {
                reports = try await recalibration.run().reports
            }
            if reports.isEmpty { print("No bank has \(minimum) new answers since its last calibration.") }
            for report in reports { print(Self.line(report)) }
            if bankID != nil, reports.allSatisfy({ $0.outcome == nil }) {
                CommandSupport.fail("no subtest of the bank could be calibrated")
            }
        }
    }

    static func line(_ report: Recalibration.SectionReport) -> String {
        let bank = report.bankID.uuidString.lowercased()
        guard let outcome = report.outcome else {
            return "\(bank)  \(report.section.rawValue)  not calibrated: \(report.refusal ?? "")"
        }
        let counts = CalibrationOutcome.Outcome.allCases.compactMap { kind -> String? in
            let n = outcome.count(kind)
            return n > 0 ? "\(n) \(kind.rawValue)" : nil
        }
        return """
            \(bank)  \(report.section.rawValue)  \(outcome.students) students, \(outcome.responses) answers, \
            ability N(\(String(format: "%.2f", outcome.population.mean)), \(String(format: "%.2f", outcome.population.sd))²): \
            \(counts.joined(separator: ", "))
            """
    }
}
