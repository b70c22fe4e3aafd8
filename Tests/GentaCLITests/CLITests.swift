import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("The genta command", .serialized)
struct CLITests {
    @Test("--help explains each subcommand")
    func help() async throws {
        let output = try await GentaProcess.run(["--help"], in: try GentaProcess.temporaryFolder())
        #expect(output.status == 0)
        for command in ["serve", "migrate", "seed", "simulate"] {
            #expect(output.stdout.contains(command), "\(command) missing from --help")
        }
    }

    @Test("bad configuration stops with one line naming the variable and a non-zero exit", arguments: [
        (["GENTA_PORT": "0"], "genta: GENTA_PORT: must be a whole number from 1 to 65535 (got \"0\")"),
        (["DATABASE_URL": "mongodb://x"], "genta: DATABASE_URL: must start with sqlite:, postgres:// or postgresql://"),
        (["DATABASE_URL": "sqlite:/no/such/folder/g.sqlite"], "genta: DATABASE_URL: folder /no/such/folder does not exist"),
    ])
    func badConfiguration(environment: [String: String], line: String) async throws {
        let output = try await GentaProcess.run(["serve"], environment: environment, in: try GentaProcess.temporaryFolder())
        #expect(output.status == 1)
        #expect(output.stderr == line + "\n")
    }

    @Test("an unreachable PostgreSQL is reported in one line")
    func unreachablePostgres() async throws {
        let port = try GentaProcess.freePort()
        let output = try await GentaProcess.run(
            ["migrate"], environment: ["DATABASE_URL": "postgres://genta@127.0.0.1:\(port)/genta"],
            in: try GentaProcess.temporaryFolder())
        #expect(output.status == 1)
        let lines = output.stderr.split(separator: "\n").filter { $0.hasPrefix("genta:") }
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("genta: DATABASE_URL: cannot reach PostgreSQL at genta@127.0.0.1:\(port)/genta") == true)
    }

    @Test("serve on the embedded default: migrates, loads the demo bank once, answers, stops on SIGTERM")
    func serveEmbeddedDefault() async throws {
        let folder = try GentaProcess.temporaryFolder()
        let port = try GentaProcess.freePort()
        let environment = ["GENTA_PORT": String(port)]

        let first = try GentaProcess.start(["serve"], environment: environment, in: folder)
        try await first.waitForOutput(containing: "Genta is listening on http://127.0.0.1:\(port)", seconds: 60)
        let banner = first.output().stdout
        #expect(banner.contains("SQLite at \(folder.path)/genta.sqlite"))
        #expect(banner.contains("questions loaded"))
        #expect(try await get("http://127.0.0.1:\(port)/healthz") == 200)
        #expect(try await get("http://127.0.0.1:\(port)/readyz") == 200)
        #expect(try await first.terminate(seconds: 15) == 0)

        let second = try GentaProcess.start(["serve"], environment: environment, in: folder)
        try await second.waitForOutput(containing: "Genta is listening", seconds: 60)
        #expect(second.output().stdout.contains("demo bank: already loaded"))
        #expect(try await second.terminate(seconds: 15) == 0)

        let status = try await GentaProcess.run(["migrate", "--status"], in: folder)
        #expect(status.status == 0)
        #expect(status.stdout.contains("0001  initial_schema"))
        #expect(status.stdout.contains("applied"))
    }

    private func get(_ url: String) async throws -> Int {
        let (_, response) = try await URLSession.shared.data(from: URL(string: url)!)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }
}
