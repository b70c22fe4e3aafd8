import Foundation
import GentaTestSupport
import Testing

@testable import GentaStore

@Suite("Finding pg_dump and pg_restore, and connecting them")
struct PostgresClientToolsTests {
    /// A fake installation: `folder/N/bin` with a pg_dump that says it is version `version`.
    static func install(_ version: String, major: String, in folder: URL) throws {
        let bin = folder.appendingPathComponent(major).appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        for program in ["pg_dump", "pg_restore"] {
            let path = bin.appendingPathComponent(program).path
            let script = "#!/bin/sh\necho '\(program) (PostgreSQL) \(version) (Fake)'\n"
            guard FileManager.default.createFile(atPath: path, contents: Data(script.utf8), attributes: [.posixPermissions: 0o755]) else {
                throw TestSetupError("cannot create \(path)")
            }
        }
    }

    @Test("the newest installation wins, by version number, not by name")
    func newest() async throws {
        let folder = try TestDatabase.temporaryFolder()
        defer { BackupFixture.remove(folder) }
        try Self.install("9.6.24", major: "9.6", in: folder)
        try Self.install("16.4", major: "16", in: folder)
        try Self.install("13.2", major: "13", in: folder)
        let tools = try await PostgresClientTools.locate(environment: ["PATH": ""], installationsFolder: folder.path)
        #expect(tools.version == "16.4")
        #expect(tools.folder.path == folder.appendingPathComponent("16/bin").path)
    }

    @Test("GENTA_PG_BIN names the folder outright, and a wrong one is reported")
    func namedFolder() async throws {
        let folder = try TestDatabase.temporaryFolder()
        defer { BackupFixture.remove(folder) }
        try Self.install("14.1", major: "14", in: folder)
        try Self.install("16.4", major: "16", in: folder)
        let named = folder.appendingPathComponent("14/bin").path
        let tools = try await PostgresClientTools.locate(environment: ["GENTA_PG_BIN": named], installationsFolder: folder.path)
        #expect(tools.version == "14.1")
        await #expect {
            _ = try await PostgresClientTools.locate(environment: ["GENTA_PG_BIN": folder.path])
        } throws: { error in
            (error as? BackupError)?.message == "GENTA_PG_BIN: \(folder.path) has no executable pg_dump"
        }
    }

    @Test("none found: the error says what to install or set")
    func noneFound() async throws {
        let folder = try TestDatabase.temporaryFolder()
        defer { BackupFixture.remove(folder) }
        await #expect {
            _ = try await PostgresClientTools.locate(environment: ["PATH": folder.path], installationsFolder: folder.path)
        } throws: { error in
            let message = (error as? BackupError)?.message ?? ""
            return message.contains("pg_dump and pg_restore were not found") && message.contains("GENTA_PG_BIN")
        }
    }

    @Test("versions are read from pg_dump --version")
    func versions() {
        #expect(PostgresClientTools.parseVersion("pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n") == "15.18")
        #expect(PostgresClientTools.parseVersion("pg_dump (PostgreSQL) 17beta2\n") == "17")
        #expect(PostgresClientTools.parseVersion("something else") == nil)
    }

    @Test("the password travels in PGPASSWORD only; the shell's PG* variables are not passed on")
    func connection() {
        let location = PostgresLocation(
            host: "db.internal", port: 5433, username: "genta", password: "s3cret'pw", database: "genta o'brien", tls: .require)
        let connection = PostgresToolConnection(location: location)
        #expect(connection.connectionString == #"host='db.internal' port=5433 user='genta' dbname='genta o\'brien' sslmode=require connect_timeout=10 application_name=genta-backup"#)
        #expect(!connection.connectionString.contains("s3cret"))
        let environment = connection.environment(from: [
            "PATH": "/usr/bin", "HOME": "/home/genta", "PGHOST": "elsewhere", "PGDATABASE": "other",
            "PGPASSWORD": "old", "DATABASE_URL": "postgres://genta:s3cret@db.internal/genta",
        ])
        #expect(environment == ["PATH": "/usr/bin", "HOME": "/home/genta", "PGPASSWORD": "s3cret'pw"])
    }

    @Test("the archive's table of contents and migration rows are read as pg_restore prints them")
    func archiveParsing() throws {
        let list = """
            ;
            ; Archive created at 2026-12-03 18:38:51 UTC
            ;     TOC Entries: 10
            ;
            215; 1259 16396 TABLE public schema_migrations genta
            3347; 0 16396 TABLE DATA public schema_migrations genta
            3346; 0 16389 TABLE DATA public attempts genta
            3203; 2606 16402 CONSTRAINT public schema_migrations schema_migrations_pkey genta
            """
        let contents = PostgresArchive.parse(list: list)
        #expect(contents == .init(entries: 4, tablesWithData: ["public.schema_migrations", "public.attempts"]))
        #expect(contents.holdsMigrationLedger)
        let script = "SET x = 1;\nCOPY public.schema_migrations (version, name, applied_at) FROM stdin;\n1\tinitial_schema\t2026-12-03\n12\toperations\t2026-12-03\n\\.\n"
        #expect(try PostgresArchive.parseMigrationVersions(script, file: URL(fileURLWithPath: "/b.dump")) == [1, 12])
        #expect(throws: BackupError.self) { try PostgresArchive.parseMigrationVersions("SET x = 1;\n", file: URL(fileURLWithPath: "/b.dump")) }
    }
}
