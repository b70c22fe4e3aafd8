import Foundation
import GentaCore
import GentaStore
import GentaTestSupport
import SQLKit
import Testing

@Suite("Restores that must not happen")
struct RestoreRefusalTests {
    @Test("a database that is not empty is refused and left as it was", arguments: TestDatabaseKind.allCases)
    func notEmpty(kind: TestDatabaseKind) async throws {
        try await BackupFixture.withLiveDatabase(kind) { live, folder in
            let file = folder.appendingPathComponent("genta.backup")
            _ = try await BackupFixture.backup(live, to: file)
            try await TestDatabase.with(kind) { occupied in
                try await occupied.withConnection { db in
                    try await db.raw("""
                        INSERT INTO webhook_deliveries (id, source, received_at) VALUES ('msg_kept', 'clerk', \(bind: TestDatabase.referenceNow))
                        """).run()
                }
                let before = try await TableCensus.of(occupied)
                await BackupFixture.expectRefusal(["is not empty", "Nothing was changed"]) {
                    _ = try await BackupFixture.restore(file, into: occupied.location)
                }
                #expect(try await TableCensus.of(occupied) == before)
            }
        }
    }

    @Test("a truncated backup is refused before anything changes", arguments: TestDatabaseKind.allCases)
    func truncated(kind: TestDatabaseKind) async throws {
        try await BackupFixture.withLiveDatabase(kind) { live, folder in
            let file = folder.appendingPathComponent("genta.backup")
            let report = try await BackupFixture.backup(live, to: file)
            let handle = try FileHandle(forWritingTo: file)
            try handle.truncate(atOffset: UInt64(report.bytes / 2))
            try handle.close()
            try await TestDatabase.withEmptyLocation(kind) { target in
                let says = kind == .sqlite ? "is not a sound SQLite database" : "is incomplete or damaged"
                await BackupFixture.expectRefusal([file.path, says]) {
                    _ = try await BackupFixture.restore(file, into: target)
                }
                let untouched = try await BackupFixture.isUntouched(target)
                #expect(untouched)
            }
        }
    }

    @Test("a file that is not a backup is refused", arguments: TestDatabaseKind.allCases)
    func foreignFile(kind: TestDatabaseKind) async throws {
        let folder = try TestDatabase.temporaryFolder()
        defer { BackupFixture.remove(folder) }
        let file = folder.appendingPathComponent("notes.txt")
        try Data("shopping list: rice, tempeh, sambal\n".utf8).write(to: file)
        try await TestDatabase.withEmptyLocation(kind) { target in
            let says = kind == .sqlite ? "is not a sound SQLite database" : "is not a PostgreSQL backup pg_restore can read"
            await BackupFixture.expectRefusal([says]) {
                _ = try await BackupFixture.restore(file, into: target)
            }
            await BackupFixture.expectRefusal(["does not exist"]) {
                _ = try await BackupFixture.restore(folder.appendingPathComponent("absent.dump"), into: target)
            }
            let untouched = try await BackupFixture.isUntouched(target)
            #expect(untouched)
        }
    }

    @Test("a backup of the other kind of database is refused by name")
    func otherKind() async throws {
        for (from, into) in [(TestDatabaseKind.sqlite, TestDatabaseKind.postgres), (.postgres, .sqlite)] {
            try await BackupFixture.withLiveDatabase(from) { live, folder in
                let file = folder.appendingPathComponent("genta.backup")
                _ = try await BackupFixture.backup(live, to: file)
                try await TestDatabase.withEmptyLocation(into) { target in
                    let says = from == .sqlite ? "is an SQLite backup and DATABASE_URL names PostgreSQL" : "is a PostgreSQL backup and DATABASE_URL names an SQLite file"
                    await BackupFixture.expectRefusal([says, "Nothing was changed"]) {
                        _ = try await BackupFixture.restore(file, into: target)
                    }
                    let untouched = try await BackupFixture.isUntouched(target)
                    #expect(untouched)
                }
            }
        }
    }

    @Test("a backup from a newer Genta is refused before anything changes", arguments: TestDatabaseKind.allCases)
    func newerGenta(kind: TestDatabaseKind) async throws {
        try await BackupFixture.withLiveDatabase(kind) { live, folder in
            try await live.withConnection { db in
                try await db.raw("""
                    INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'from_the_future', \(bind: TestDatabase.referenceNow))
                    """).run()
            }
            let file = folder.appendingPathComponent("genta.backup")
            _ = try await BackupFixture.backup(live, to: file)
            try await TestDatabase.withEmptyLocation(kind) { target in
                await BackupFixture.expectRefusal(["comes from a newer Genta", "migration(s) 9999", "Nothing was changed"]) {
                    _ = try await BackupFixture.restore(file, into: target)
                }
                let untouched = try await BackupFixture.isUntouched(target)
                #expect(untouched)
            }
        }
    }

    @Test("an SQLite file a server still has open is not replaced")
    func openSQLiteFile() async throws {
        try await BackupFixture.withLiveDatabase(.sqlite) { live, folder in
            let file = folder.appendingPathComponent("genta.backup")
            _ = try await BackupFixture.backup(live, to: file)
            let target = folder.appendingPathComponent("serving.sqlite")
            // A server that opened an empty file and read it: no tables, but its write-ahead log
            // is there while it runs.
            try await SQLiteBackend.open(path: target.path, logger: TestDatabase.logger).whileRunning { server in
                let tables = try await server.withConnection { db in try await db.raw("SELECT COUNT(*) AS n FROM sqlite_master").all().count }
                #expect(tables == 1)
                await BackupFixture.expectRefusal(["serving.sqlite-wal exists", "Nothing was changed"]) {
                    _ = try await BackupFixture.restore(file, into: .sqlite(path: target.path))
                }
            }
            #expect(try BackupFixture.files(in: folder) == ["genta.backup", "serving.sqlite"])
        }
    }
}
