import ArgumentParser
import Foundation
import GentaCore
import GentaStore

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply pending database migrations (idempotent), or list them with --status.",
        discussion: """
            Works on the database named by DATABASE_URL. Refuses to touch a database that holds \
            migrations this build does not know (it was migrated by a newer Genta).
            """
    )

    @Flag(help: "List every migration and whether it is applied; change nothing.")
    var status = false

    @Flag(help: "Revert the newest applied migration (destroys the data it created).")
    var revertLast = false

    func run() async throws {
        try await CommandSupport.withDatabase { database in
            let migrator = Migrator(database: database, now: WallClock.system.now)
            print("Database: \(database.location)")
            if status {
                for entry in try await migrator.status() {
                    let state = entry.appliedAt.map { "applied \(ISO8601DateFormatter().string(from: $0))" } ?? "pending"
                    let name = entry.name.padding(toLength: 24, withPad: " ", startingAt: 0)
                    print("\(String(format: "%04d", entry.version))  \(name) \(state)")
                }
            } else if revertLast {
                let reverted = try await migrator.revertLast()
                print(reverted.map { "Reverted migration \($0)." } ?? "No migration is applied.")
            } else {
                let applied = try await migrator.migrate()
                print(applied.isEmpty
                    ? "Schema is up to date."
                    : "Applied migration(s) \(applied.map(String.init).joined(separator: ", ")).")
            }
        }
    }
}
