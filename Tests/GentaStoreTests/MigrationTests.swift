import GentaStore
import GentaTestSupport
import SQLKit
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("apply from empty, are idempotent, and report their status", arguments: TestDatabaseKind.allCases)
    func fromEmpty(kind: TestDatabaseKind) async throws {
        try await TestDatabase.with(kind, migrated: false) { database in
            let migrator = Migrator(database: database, now: { TestDatabase.referenceNow })
            let before = try await migrator.status()
            #expect(before.map(\.version) == Migration.all.map(\.version))
            #expect(before.allSatisfy { $0.appliedAt == nil })

            let applied = try await migrator.migrate()
            #expect(applied == Migration.all.map(\.version))
            #expect(try await migrator.migrate().isEmpty, "a second run has nothing to do")

            let after = try await migrator.status()
            #expect(after.allSatisfy { $0.appliedAt == TestDatabase.referenceNow })
        }
    }

    @Test("instances starting at once on an empty PostgreSQL database migrate it once, without error")
    func concurrentStart() async throws {
        try await TestDatabase.with(.postgres, migrated: false) { database in
            let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<4 {
                    group.addTask { try await Migrator(database: database, now: { TestDatabase.referenceNow }).migrate() }
                }
                return try await group.reduce(into: [[Int]]()) { $0.append($1) }
            }
            #expect(applied.filter { !$0.isEmpty } == [Migration.all.map(\.version)], "one migrates, the others find nothing to do")
        }
    }

    @Test("refuse a database migrated by a newer build", arguments: TestDatabaseKind.allCases)
    func unknownVersion(kind: TestDatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            try await database.withConnection { db in
                try await db.raw("""
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (999, 'from_the_future', \(bind: TestDatabase.referenceNow))
                    """).run()
            }
            let migrator = Migrator(database: database, now: { TestDatabase.referenceNow })
            await #expect(throws: UnknownMigrationsError.self) { try await migrator.migrate() }
            await #expect(throws: UnknownMigrationsError.self) { try await migrator.status() }
        }
    }

    @Test("revert and re-apply cleanly", arguments: TestDatabaseKind.allCases)
    func revertAndReapply(kind: TestDatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let migrator = Migrator(database: database, now: { TestDatabase.referenceNow })
            for version in Migration.all.map(\.version).reversed() {
                let reverted = try await migrator.revertLast()
                #expect(reverted == version)
            }
            let nothingLeft = try await migrator.revertLast()
            #expect(nothingLeft == nil)
            let tables = try await SchemaCatalog.tables(database)
            #expect(tables.isEmpty, "only the ledger remains")
            let reapplied = try await migrator.migrate()
            #expect(reapplied == Migration.all.map(\.version))
        }
    }

    @Test("a failing migration leaves no trace", arguments: TestDatabaseKind.allCases)
    func failingMigrationRollsBack(kind: TestDatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let broken = Migration.all + [
                Migration(version: Migration.all.count + 1, name: "broken", statements: [
                    "CREATE TABLE half_done (id INTEGER PRIMARY KEY)",
                    "CREATE TABLE half_done (id INTEGER PRIMARY KEY)",
                ])
            ]
            let migrator = Migrator(database: database, migrations: broken, now: { TestDatabase.referenceNow })
            await #expect(throws: (any Error).self) { try await migrator.migrate() }
            #expect(try await !SchemaCatalog.tables(database).contains("half_done"))
            let status = try await migrator.status()
            #expect(status.last?.appliedAt == nil)
        }
    }
}
