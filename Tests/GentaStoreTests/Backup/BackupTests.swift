import Foundation
import GentaCore
import GentaStore
import GentaTestSupport
import SQLKit
import Testing

@Suite("Backups")
struct BackupTests {
    @Test("a backup restores into an empty database with every row, at the current migration", arguments: TestDatabaseKind.allCases)
    func roundTrip(kind: TestDatabaseKind) async throws {
        try await BackupFixture.withLiveDatabase(kind) { database, folder in
            let file = folder.appendingPathComponent("genta.backup")
            let live = try await TableCensus.of(database)
            let report = try await BackupFixture.backup(database, to: file)
            #expect(report.file.path == file.standardizedFileURL.path)
            #expect(report.tables == live.tables)
            #expect(report.bytes == (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.intValue)
            if kind == .sqlite { #expect(report.rows == live.totalRows) }
            #expect(try BackupFixture.files(in: folder) == ["genta.backup"], "no temporary file is left beside it")

            try await TestDatabase.withEmptyLocation(kind) { target in
                let restored = try await BackupFixture.restore(file, into: target)
                #expect(restored.census == live)
                #expect(restored.migrationVersion == Migration.all.last?.version)
                #expect(restored.pendingMigrations.isEmpty)
                try await TestDatabase.open(target) { database in
                    let census = try await TableCensus.of(database)
                    let applied = try await Migrator(database: database, now: { TestDatabase.referenceNow }).migrate()
                    #expect(census == live)
                    #expect(applied.isEmpty)
                }
            }
        }
    }

    @Test("an existing file is refused and kept; --force replaces it", arguments: TestDatabaseKind.allCases)
    func existingFile(kind: TestDatabaseKind) async throws {
        try await BackupFixture.withLiveDatabase(kind) { database, folder in
            let file = folder.appendingPathComponent("genta.backup")
            try Data("last week's backup".utf8).write(to: file)
            await BackupFixture.expectRefusal(["\(file.path) already exists", "--force"]) {
                _ = try await BackupFixture.backup(database, to: file)
            }
            #expect(try String(contentsOf: file, encoding: .utf8) == "last week's backup")
            #expect(try BackupFixture.files(in: folder) == ["genta.backup"])

            _ = try await BackupFixture.backup(database, to: file, replacing: true)
            let head = try FileHandle(forReadingFrom: file).read(upToCount: 5) ?? Data()
            #expect(String(decoding: head, as: UTF8.self) == (kind == .sqlite ? "SQLit" : "PGDMP"))
            #expect(try BackupFixture.files(in: folder) == ["genta.backup"])
        }
    }

    @Test("a backup that cannot be written says why and leaves nothing behind")
    func failures() async throws {
        let folder = try TestDatabase.temporaryFolder()
        defer { BackupFixture.remove(folder) }
        let missing = DatabaseLocation.sqlite(path: folder.appendingPathComponent("absent.sqlite").path)
        await BackupFixture.expectRefusal(["there is no SQLite database at \(folder.path)/absent.sqlite"]) {
            _ = try await DatabaseBackup(location: missing, logger: TestDatabase.logger)
                .write(to: folder.appendingPathComponent("b.sqlite").path)
        }
        #expect(try BackupFixture.files(in: folder).isEmpty, "the database is not created by asking for its backup")

        let live = folder.appendingPathComponent("live.sqlite")
        try await SQLiteBackend.open(path: live.path, logger: TestDatabase.logger).whileRunning { _ in }
        await BackupFixture.expectRefusal(["\(live.path) is the database itself"]) {
            _ = try await DatabaseBackup(location: .sqlite(path: live.path), logger: TestDatabase.logger)
                .write(to: live.path, replacing: true)
        }
        try FileManager.default.removeItem(at: live)

        await BackupFixture.expectRefusal(["folder /no/such/folder does not exist"]) {
            _ = try await DatabaseBackup(location: missing, logger: TestDatabase.logger).write(to: "/no/such/folder/b.sqlite")
        }
        await BackupFixture.expectRefusal(["is a folder"]) {
            _ = try await DatabaseBackup(location: missing, logger: TestDatabase.logger).write(to: folder.path)
        }

        var nowhere = try TestDatabase.postgresServer()
        nowhere.database = "genta_no_such_database"
        await BackupFixture.expectRefusal(["pg_dump failed", "no backup was written", "genta_no_such_database"]) {
            _ = try await DatabaseBackup(location: .postgres(nowhere), logger: TestDatabase.logger)
                .write(to: folder.appendingPathComponent("b.dump").path)
        }
        #expect(try BackupFixture.files(in: folder).isEmpty, "pg_dump's partial output is removed")
    }

    @Test("a backup taken by a build with fewer migrations restores and names the pending ones", arguments: TestDatabaseKind.allCases)
    func olderBackup(kind: TestDatabaseKind) async throws {
        try await TestDatabase.with(kind, migrated: false) { database in
            let older = Array(Migration.all.dropLast())
            try await Migrator(database: database, migrations: older, now: { TestDatabase.referenceNow }).migrate()
            let folder = try TestDatabase.temporaryFolder()
            defer { BackupFixture.remove(folder) }
            let file = folder.appendingPathComponent("older.backup")
            _ = try await BackupFixture.backup(database, to: file)
            try await TestDatabase.withEmptyLocation(kind) { target in
                let report = try await BackupFixture.restore(file, into: target)
                #expect(report.migrationVersion == older.last?.version)
                #expect(report.pendingMigrations == [Migration.all.last!.version])
            }
        }
    }
}
