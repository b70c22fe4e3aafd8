import ArgumentParser
import Foundation
import GentaCore
import GentaStore

struct Tryout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create tryout events and close abandoned sittings.",
        subcommands: [Assemble.self, CloseExpired.self]
    )

    struct Assemble: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build a tryout event: a fixed form per timed block, chosen by the IRT engine.",
            discussion: """
                Picks each block's questions from the reviewed bank (UTBK-SNBT 2025: 160 questions \
                in nine timed blocks), balanced over sub types, with the most information over \
                θ −1…2.5, avoiding questions on other events' forms where the bank allows. \
                Prints each block's test information. Migrations are applied first.
                """
        )

        @Option(help: "The event's name, as students see it.")
        var name: String

        @Option(help: "When it opens (ISO 8601, e.g. 2027-03-01T00:00:00+07:00); default now.")
        var opens: String?

        @Option(help: "How many days it stays open.")
        var days: Int = 14

        @Option(help: "A mini tryout: this many questions per subtest (with --seconds-per-block) instead of the full exam.")
        var questionsPerBlock: Int?

        @Option(help: "A mini tryout: this many seconds per subtest.")
        var secondsPerBlock: Int?

        /// The full exam, or a mini one when both sizes are given.
        func exam() throws -> ExamStructure {
            switch (questionsPerBlock, secondsPerBlock) {
            case (nil, nil): return .utbk2025
            case (let questions?, let seconds?):
                guard (1...50).contains(questions) else { throw ValidationError("--questions-per-block must be from 1 to 50.") }
                guard (10...7_200).contains(seconds) else { throw ValidationError("--seconds-per-block must be from 10 to 7200.") }
                return .mini(questionsPerBlock: questions, secondsPerBlock: seconds)
            default: throw ValidationError("Give both --questions-per-block and --seconds-per-block, or neither.")
            }
        }

        func run() async throws {
            guard (1...366).contains(days) else { throw ValidationError("--days must be from 1 to 366.") }
            let exam = try exam()
            let opensAt = try opens.map { text in
                guard let date = ISO8601DateFormatter().date(from: text) else {
                    throw ValidationError("--opens must be an ISO 8601 date-time such as 2027-03-01T00:00:00+07:00.")
                }
                return date
            } ?? Date()
            try await CommandSupport.withDatabase { database in
                try await Migrator(database: database, now: WallClock.system.now).migrate()
                let report = try await TryoutAssembly(database: database).create(
                    name: name, opensAt: opensAt, closesAt: opensAt.addingTimeInterval(Double(days) * 86_400),
                    exam: exam, now: Date())
                print("Tryout \(report.event.id.uuidString.lowercased()): \(report.event.name), \(report.event.totalQuestions) questions, \(report.event.totalSeconds / 60) minutes")
                for block in report.blocks {
                    let information = block.information.map { String(format: "I(%.1f)=%.1f", $0.theta, $0.information) }
                    print("  \(block.block.section.rawValue) \(block.block.name): \(block.questionIDs.count) questions, \(block.reused) reused; \(information.joined(separator: " "))")
                }
            }
        }
    }

    struct CloseExpired: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close-expired",
            abstract: "Close the blocks whose time is up in sittings nobody came back to, and score finished ones.",
            discussion: "`genta serve` does this every minute; this runs it once. Migrations are applied first."
        )

        func run() async throws {
            try await CommandSupport.withDatabase { database in
                try await Migrator(database: database, now: WallClock.system.now).migrate()
                let queries = TryoutSittingQueries(database: database, clock: .system, practice: PracticeSettings(), tryouts: TryoutSettings())
                var scored = 0
                while true {
                    let batch = try await queries.closeExpired()
                    scored += batch
                    if batch == 0 { break }
                }
                print("Scored \(scored) abandoned sitting(s).")
            }
        }
    }
}
