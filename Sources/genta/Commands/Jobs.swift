import ArgumentParser
import GentaCore
import GentaServer
import GentaStore

/// `genta jobs`: the scheduled jobs, listed or run at once.
struct Jobs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The scheduled jobs: list them with their last run, or run one now.",
        subcommands: [List.self, Run.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every job, its period and its latest run.")

        func run() async throws {
            try await CommandSupport.withDatabase { configuration, logger, database in
                try await Migrator(database: database, now: WallClock.system.now).migrate()
                print(try await JobsCommand.list(configuration: configuration, database: database, logger: logger))
            }
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a job now, once across instances, recorded in job_runs.",
            discussion: "Exits non-zero for an unknown job, a job another instance is running, or a failed run."
        )

        @Argument(help: "The job's name (genta jobs list).")
        var name: String

        func run() async throws {
            try await CommandSupport.withDatabase { configuration, logger, database in
                try await Migrator(database: database, now: WallClock.system.now).migrate()
                do {
                    print(try await JobsCommand.run(name, configuration: configuration, database: database, logger: logger))
                } catch let failure as JobsCommand.Failure {
                    CommandSupport.fail(failure.description)
                }
            }
        }
    }
}
