import ArgumentParser
import GentaServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the HTTP API (migrates the database and loads the demo bank first).",
        discussion: """
            Listens on GENTA_HOST:GENTA_PORT (default 127.0.0.1:8080). Uses DATABASE_URL \
            (default sqlite:genta.sqlite), applies pending migrations and loads the demo question \
            bank once (GENTA_DEMO_BANK=0 skips it). SIGTERM or SIGINT stops it gracefully.
            """
    )

    func run() async throws {
        let configuration = try CommandSupport.configuration()
        try await CommandSupport.reportingErrors {
            try await Server.run(configuration: configuration, logger: CommandSupport.logger(configuration))
        }
    }
}
