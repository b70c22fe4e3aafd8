import Foundation
import GentaStore
import GentaTestSupport
import Testing

@Suite("genta backup and genta restore", .serialized)
struct BackupCLITests {
    @Test("SQLite: backup, refusals, restore into a new file; each message one line, failures exit 1")
    func sqlite() async throws {
        let folder = try GentaProcess.temporaryFolder()
        let seeded = try await GentaProcess.run(["seed", "--demo"], in: folder)
        #expect(seeded.status == 0, "\(seeded.stderr)")

        let backup = try await GentaProcess.run(["backup", "--to", "nightly.sqlite"], in: folder)
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains("Database: SQLite at \(folder.path)/genta.sqlite\n"))
        #expect(backup.stdout.contains("Wrote \(folder.path)/nightly.sqlite: "))
        #expect(backup.stdout.contains(" tables, ") && backup.stdout.contains(" rows, in "))
        #expect(backup.stdout.contains("Checked: PRAGMA integrity_check: ok."))

        let again = try await GentaProcess.run(["backup", "--to", "nightly.sqlite"], in: folder)
        #expect(again.status == 1)
        #expect(again.stderr == "genta: \(folder.path)/nightly.sqlite already exists; choose another name, or pass --force to replace it\n")
        let forced = try await GentaProcess.run(["backup", "--to", "nightly.sqlite", "--force"], in: folder)
        #expect(forced.status == 0, "\(forced.stderr)")

        let occupied = try await GentaProcess.run(["restore", "nightly.sqlite"], in: folder)
        #expect(occupied.status == 1)
        #expect(occupied.stderr.hasPrefix("genta: \(folder.path)/genta.sqlite is not empty ("), "\(occupied.stderr)")
        #expect(occupied.stderr.hasSuffix("Nothing was changed\n") && occupied.stderr.split(separator: "\n").count == 1)

        let restored = try await GentaProcess.run(["restore", "nightly.sqlite"], environment: ["DATABASE_URL": "sqlite:restored.sqlite"], in: folder)
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(restored.stdout.contains("Restored \(folder.path)/nightly.sqlite in "))
        #expect(restored.stdout.contains(": migration \(Migration.all.last!.version), "))
        #expect(restored.stdout.contains("  questions                     404\n"), "\(restored.stdout)")
        let status = try await GentaProcess.run(["migrate", "--status"], environment: ["DATABASE_URL": "sqlite:restored.sqlite"], in: folder)
        #expect(!status.stdout.contains("pending"))

        let bytes = try Data(contentsOf: folder.appendingPathComponent("nightly.sqlite"))
        try bytes.prefix(bytes.count / 2).write(to: folder.appendingPathComponent("cut.sqlite"))
        let cut = try await GentaProcess.run(["restore", "cut.sqlite"], environment: ["DATABASE_URL": "sqlite:other.sqlite"], in: folder)
        #expect(cut.status == 1)
        #expect(cut.stderr.hasPrefix("genta: \(folder.path)/cut.sqlite is not a sound SQLite database"), "\(cut.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("other.sqlite").path))
    }

    @Test("asking for nothing, or for the backup of a database that is not there, is refused")
    func mistakes() async throws {
        let folder = try GentaProcess.temporaryFolder()
        let noFile = try await GentaProcess.run(["backup"], in: folder)
        #expect(noFile.status != 0)
        #expect(noFile.stderr.contains("--to"))
        let noDatabase = try await GentaProcess.run(["backup", "--to", "b.sqlite"], in: folder)
        #expect(noDatabase.status == 1)
        #expect(noDatabase.stderr == "genta: there is no SQLite database at \(folder.path)/genta.sqlite\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("genta.sqlite").path))
        let noBackup = try await GentaProcess.run(["restore", "missing.dump"], in: folder)
        #expect(noBackup.status == 1)
        #expect(noBackup.stderr == "genta: \(folder.path)/missing.dump does not exist\n")
    }

    @Test("PostgreSQL: backup with pg_dump, restore into an empty database, refuse a non-empty one and wrong tools")
    func postgres() async throws {
        let folder = try GentaProcess.temporaryFolder()
        try await TestDatabase.withEmptyLocation(.postgres) { source in
            try await TestDatabase.withEmptyLocation(.postgres) { target in
                let from = ["DATABASE_URL": try Self.url(source)]
                let into = ["DATABASE_URL": try Self.url(target)]
                #expect(try await GentaProcess.run(["seed", "--demo"], environment: from, in: folder).status == 0)

                let backup = try await GentaProcess.run(["backup", "--to", "genta.dump"], environment: from, in: folder)
                #expect(backup.status == 0, "\(backup.stderr)")
                #expect(backup.stdout.contains("Wrote \(folder.path)/genta.dump: "))
                #expect(backup.stdout.contains(" archive entries, in "))
                #expect(backup.stdout.contains("Checked: pg_restore "))

                let wrongTools = try await GentaProcess.run(
                    ["backup", "--to", "other.dump"], environment: from.merging(["GENTA_PG_BIN": folder.path]) { $1 }, in: folder)
                #expect(wrongTools.status == 1)
                #expect(wrongTools.stderr == "genta: GENTA_PG_BIN: \(folder.path) has no executable pg_dump\n")

                let restored = try await GentaProcess.run(["restore", "genta.dump"], environment: into, in: folder)
                #expect(restored.status == 0, "\(restored.stderr)")
                #expect(restored.stdout.contains("  questions                     404\n"), "\(restored.stdout)")

                let twice = try await GentaProcess.run(["restore", "genta.dump"], environment: into, in: folder)
                #expect(twice.status == 1)
                #expect(twice.stderr.contains(" is not empty ("), "\(twice.stderr)")
                #expect(twice.stderr.hasSuffix("Nothing was changed\n"))
            }
        }
    }

    @Test("Ctrl-C stops pg_dump, removes what it wrote and says so")
    func interrupted() async throws {
        let folder = try GentaProcess.temporaryFolder()
        // A pg_dump that writes a little and then takes its time, noting its process id.
        let bin = folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let slowDump = """
            #!/bin/sh
            [ "$1" = --version ] && { echo 'pg_dump (PostgreSQL) 99.0'; exit 0; }
            for argument in "$@"; do case "$argument" in --file=*) echo partial > "${argument#--file=}";; esac; done
            echo $$ > "$(dirname "$0")/pg_dump.pid"
            exec sleep 60
            """
        for (name, script) in [("pg_dump", slowDump), ("pg_restore", "#!/bin/sh\nexit 1\n")] {
            let path = bin.appendingPathComponent(name).path
            guard FileManager.default.createFile(atPath: path, contents: Data(script.utf8), attributes: [.posixPermissions: 0o755]) else {
                throw CLITestError("cannot write \(path)")
            }
        }
        let running = try GentaProcess.start(["backup", "--to", "slow.dump"], environment: [
            "DATABASE_URL": "postgres://genta@127.0.0.1:9/genta", "GENTA_PG_BIN": bin.path,
        ], in: folder)
        let pidFile = bin.appendingPathComponent("pg_dump.pid")
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: pidFile.path), Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        let dumpPID = try #require(Int32(try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))

        kill(running.process.processIdentifier, SIGINT)
        let stopped = Date().addingTimeInterval(15)
        while running.process.isRunning, Date() < stopped { try await Task.sleep(for: .milliseconds(50)) }
        let output = running.output()
        #expect(output.status == 1, "\(output.stderr)")
        #expect(output.stderr.contains("genta: interrupted; no backup was written\n"), "\(output.stderr)")
        #expect(kill(dumpPID, 0) != 0, "pg_dump was stopped too")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("slow.dump") }
        #expect(left.isEmpty, "\(left)")
    }

    /// The `DATABASE_URL` of a test database.
    static func url(_ location: DatabaseLocation) throws -> String {
        guard case .postgres(let server) = location else { throw CLITestError("not PostgreSQL") }
        let password = server.password.map { ":\($0)" } ?? ""
        return "postgres://\(server.username)\(password)@\(server.host):\(server.port)/\(server.database)?sslmode=\(server.tls.rawValue)"
    }
}
