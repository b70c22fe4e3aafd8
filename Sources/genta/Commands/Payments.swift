import ArgumentParser
import GentaCore
import GentaServer
import GentaStore

struct Payments: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Payment maintenance.",
        subcommands: [Reconcile.self]
    )

    struct Reconcile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ask Midtrans about orders still pending after their payment page expired.",
            discussion: """
                An abandoned Snap page sends no notification: such orders are expired, and any \
                whose payment Midtrans did record is granted or closed as Midtrans says. \
                `genta serve` does this every five minutes. Needs MIDTRANS_SERVER_KEY; migrations \
                are applied first.
                """
        )

        func run() async throws {
            try await CommandSupport.withDatabase { configuration, logger, database in
                try await Migrator(database: database, now: WallClock.system.now).migrate()
                do {
                    print(try await ReconcileCommand.run(configuration: configuration, database: database, logger: logger))
                } catch let failure as ReconcileCommand.Failure {
                    CommandSupport.fail(failure.description)
                }
            }
        }
    }
}
