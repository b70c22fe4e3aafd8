import ArgumentParser
import Foundation
import GentaCore
import GentaStore

/// `genta corrections`: key corrections from the command line.
struct Corrections: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Key corrections: list them, and replay the students they affect.",
        subcommands: [List.self, Run.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The latest key corrections and their progress.")

        @Option(help: "How many, newest first (1–200).")
        var limit = 20

        func run() async throws {
            guard (1...200).contains(limit) else { throw ValidationError("--limit must be 1 to 200.") }
            try await CommandSupport.withDatabase { database in
                try await Migrator(database: database, now: WallClock.system.now).migrate()
                let corrections = try await KeyCorrectionQueries(database: database, now: WallClock.system.now)
                    .list(questionID: nil, limit: limit, offset: 0)
                if corrections.isEmpty { print("No key corrections.") }
                for correction in corrections {
                    print("""
                        \(correction.id.uuidString.lowercased())  question \(correction.questionID.uuidString.lowercased())  \
                        \(correction.oldKey) → \(correction.newKey)  \(correction.attemptsRegraded) answers regraded  \
                        \(correction.studentsDone)/\(correction.studentsTotal) students  \(correction.status.rawValue)
                        """)
                }
            }
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replay every student a key correction affects, to the end.",
            discussion: """
                `genta serve` does this in the background (its key-corrections job); this runs the batches now \
                (after a large correction, or with the server stopped). Each batch is one \
                transaction, so an interrupted run resumes where it stopped.
                """
        )

        @Option(help: "Students per batch (1–5000).")
        var batchSize = KeyCorrectionJob.defaultBatchSize

        func run() async throws {
            guard (1...5_000).contains(batchSize) else { throw ValidationError("--batch-size must be 1 to 5000.") }
            try await CommandSupport.withDatabase { configuration, _, database in
                try await Migrator(database: database, now: WallClock.system.now).migrate()
                let job = KeyCorrectionJob(database: database, clock: .system, settings: configuration.practice)
                let started = ContinuousClock.now
                var batches = 0
                while let progress = try await job.runBatch(size: batchSize) {
                    batches += 1
                    if progress.isFinished || batches % 10 == 0 {
                        print("correction \(progress.correctionID.uuidString.lowercased()): \(progress.studentsDone)/\(progress.studentsTotal) students")
                    }
                }
                let elapsed = (ContinuousClock.now - started).timeInterval
                print("Key corrections up to date (\(batches) batch(es) in \(String(format: "%.2f", elapsed)) s).")
            }
        }
    }
}
