import ArgumentParser
import NIOCore
import NIOPosix

@main
enum Main {
    static func main() async {
        // Swift concurrency's jobs run on NIO's event loops instead of a pool of their own, so a
        // database reply or an HTTP request no longer wakes a second thread to continue the task
        // that awaited it. On this 2-core machine that halved the feedback endpoint's own time
        // (docs/BENCHMARKS.md). Handlers do no long blocking work (SQLite runs on its own thread
        // pool), so the event loops stay responsive. Done first, before any task starts.
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await Genta.main()
    }
}

struct Genta: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "genta",
        abstract: "Genta: adaptive UTBK/SNBT practice — server and tools.",
        discussion: """
            Configuration comes from environment variables. With none set, Genta uses the SQLite \
            file genta.sqlite in the working directory; DATABASE_URL=postgres://USER:PASS@HOST/DB \
            switches to PostgreSQL. See README.md for every variable.
            """,
        subcommands: [Serve.self, Migrate.self, Seed.self, Import.self, Export.self, Tryout.self, Payments.self, Corrections.self, Analyze.self, Recalibrate.self, Jobs.self, Prune.self, Backup.self, Restore.self, Token.self, Simulate.self]
    )
}
