import ArgumentParser
import GentaCore
import GentaStore

struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load data into the database.",
        discussion: """
            --demo loads the bundled demo question bank (original questions for the seven \
            subtests with their reading passages, stored as reviewed), or adds what an older copy lacks. Migrations are applied first.
            """
    )

    @Flag(help: "Load the demo question bank.")
    var demo = false

    func validate() throws {
        guard demo else { throw ValidationError("Say what to seed: --demo.") }
    }

    func run() async throws {
        try await CommandSupport.withDatabase { database in
            try await Migrator(database: database, now: WallClock.system.now).migrate()
            do {
                switch try await DemoBankLoader(database: database, now: WallClock.system.now).loadIfNeeded() {
                case .imported(let count): print("Loaded the demo bank: \(count) questions into \(database.location).")
                case .extended(let questions, let passages):
                    print("Added \(questions) questions and \(passages) passages to the demo bank in \(database.location).")
                case .alreadyPresent: print("The demo bank is already loaded in \(database.location).")
                }
            } catch let error as BankValidationError {
                CommandSupport.fail(error.description)
            }
        }
    }
}
