import ArgumentParser

@main
struct Genta: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "genta",
        abstract: "Genta: adaptive UTBK/SNBT practice — server and tools.",
        discussion: """
            Configuration comes from environment variables. With none set, Genta uses the SQLite \
            file genta.sqlite in the working directory; DATABASE_URL=postgres://USER:PASS@HOST/DB \
            switches to PostgreSQL. See README.md for every variable.
            """,
        subcommands: [Serve.self, Migrate.self, Seed.self, Token.self, Simulate.self]
    )
}
