import ArgumentParser
import Foundation
import GentaCore
import GentaStore

/// `genta analyze`: item analysis of every live question now.
struct Analyze: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse every live question (correct rates, discrimination, distractors, flags) and refresh their counters.",
        discussion: """
            What `genta serve` does every hour, at once: the results are what \
            GET /api/v1/admin/questions/analysis lists. Migrations are applied first.
            """
    )

    @Option(help: "Students a question needs before it gets a verdict (1–100000).")
    var minimumSample = ItemAnalysis.Thresholds().minimumSample

    func run() async throws {
        guard (1...100_000).contains(minimumSample) else { throw ValidationError("--minimum-sample must be 1 to 100000.") }
        try await CommandSupport.withDatabase { database in
            try await Migrator(database: database, now: WallClock.system.now).migrate()
            let started = ContinuousClock.now
            let count = try await ItemAnalysisQueries(database: database, now: WallClock.system.now)
                .refresh(thresholds: .init(minimumSample: minimumSample)).analysed
            let flagged = try await ItemAnalysisQueries(database: database, now: WallClock.system.now).list(.init(
                section: nil, subType: nil, assessment: nil, flag: nil, limit: 10, offset: 0)).filter { !$0.analysis.flags.isEmpty }
            print("Analysed \(count) question(s) in \(String(format: "%.2f", (ContinuousClock.now - started).timeInterval)) s.")
            for entry in flagged {
                print("\(entry.questionID.uuidString.lowercased())  \(entry.section.rawValue)  \(entry.analysis.students) students  "
                    + entry.analysis.flags.map(\.rawValue).joined(separator: ", "))
            }
        }
    }
}
