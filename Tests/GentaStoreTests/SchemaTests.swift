import Foundation
import GentaStore
import GentaTestSupport
import SQLKit
import Testing

@Suite("Schema")
struct SchemaTests {
    @Test("has the seed's ten tables with every column and index", arguments: TestDatabaseKind.allCases)
    func tablesColumnsIndexes(kind: TestDatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            #expect(try await SchemaCatalog.tables(database) == Set(SeedSchema.tables.keys).union(SeedSchema.addedTables))
            for table in SeedSchema.tables.keys.sorted() {
                let columns = try await SchemaCatalog.columns(database, table: table)
                #expect(columns == Set(SeedSchema.expectedColumns(table).keys), "columns of \(table)")
                let indexes = try await SchemaCatalog.indexes(database, table: table)
                var expected = SeedSchema.indexes[table, default: []]
                if kind == .postgres { expected.formUnion(SeedSchema.postgresOnlyIndexes[table, default: []]) }
                #expect(expected.isSubset(of: indexes), "indexes of \(table): missing \(expected.subtracting(indexes))")
            }
        }
    }

    @Test("PostgreSQL catalog: column types, keys, foreign keys, no generated columns")
    func postgresCatalog() async throws {
        try await TestDatabase.with(.postgres) { database in
            try await database.withConnection { db in
                let rows = try await db.raw("""
                    SELECT table_name, column_name, data_type, is_generated
                    FROM information_schema.columns WHERE table_schema = 'public'
                    """).all()
                var types: [String: String] = [:]
                for row in rows {
                    let table = try row.decode(column: "table_name", as: String.self)
                    let column = try row.decode(column: "column_name", as: String.self)
                    types["\(table).\(column)"] = try row.decode(column: "data_type", as: String.self)
                    #expect(try row.decode(column: "is_generated", as: String.self) == "NEVER", "\(table).\(column)")
                }
                for table in SeedSchema.tables.keys {
                    for (column, type) in SeedSchema.expectedColumns(table) {
                        #expect(types["\(table).\(column)"] == type, "\(table).\(column)")
                    }
                }

                let keys = try await db.raw("""
                    SELECT tc.table_name, tc.constraint_type, kcu.column_name, kcu.ordinal_position,
                           ccu.table_name AS referenced_table, rc.delete_rule
                    FROM information_schema.table_constraints tc
                    JOIN information_schema.key_column_usage kcu
                      ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
                    LEFT JOIN information_schema.referential_constraints rc
                      ON rc.constraint_name = tc.constraint_name AND rc.constraint_schema = tc.table_schema
                    LEFT JOIN information_schema.constraint_column_usage ccu
                      ON ccu.constraint_name = tc.constraint_name AND tc.constraint_type = 'FOREIGN KEY'
                    WHERE tc.table_schema = 'public' AND tc.table_name IN (\(binds: SeedSchema.tables.keys.sorted()))
                    ORDER BY tc.table_name, kcu.ordinal_position
                    """).all()
                var primaryKeys: [String: [String]] = [:]
                var uniques: Set<String> = []
                var foreignKeys: [String: (String, String)] = [:]
                for row in keys {
                    let table = try row.decode(column: "table_name", as: String.self)
                    let column = try row.decode(column: "column_name", as: String.self)
                    switch try row.decode(column: "constraint_type", as: String.self) {
                    case "PRIMARY KEY": primaryKeys[table, default: []].append(column)
                    case "UNIQUE": uniques.insert("\(table).\(column)")
                    case "FOREIGN KEY":
                        foreignKeys["\(table).\(column)"] = (
                            try row.decode(column: "referenced_table", as: String.self),
                            try row.decode(column: "delete_rule", as: String.self)
                        )
                    default: break
                    }
                }
                #expect(primaryKeys == SeedSchema.primaryKeys)
                #expect(uniques == SeedSchema.uniqueColumns)
                #expect(Set(foreignKeys.keys) == Set(SeedSchema.foreignKeys.keys))
                for (key, expected) in SeedSchema.foreignKeys {
                    #expect(foreignKeys[key]?.0 == expected.0 && foreignKeys[key]?.1 == expected.1, "\(key)")
                }

                // Erratum 9: no index duplicates another's columns exactly.
                let definitions = try await db.raw("""
                    SELECT tablename, regexp_replace(indexdef, '^.* USING ', '') AS shape
                    FROM pg_indexes WHERE schemaname = 'public'
                    """).all().map {
                    "\(try $0.decode(column: "tablename", as: String.self)) \(try $0.decode(column: "shape", as: String.self))"
                }
                #expect(Set(definitions).count == definitions.count, "duplicate index definitions")
            }
        }
    }

    @Test("timestamp triggers stamp updated rows", arguments: TestDatabaseKind.allCases)
    func updatedAtTriggers(kind: TestDatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let id = UUID()
            let past = TestDatabase.referenceNow.addingTimeInterval(-86_400)
            try await database.withConnection { db in
                try await db.raw("""
                    INSERT INTO users (id, clerk_id, email, created_at, updated_at)
                    VALUES (\(bind: id), 'user_trigger', 'trigger@example.com', \(bind: past), \(bind: past))
                    """).run()
                try await db.raw("INSERT INTO user_readiness (user_id, section, last_updated) VALUES (\(bind: id), 'PU', \(bind: past))").run()
                try await db.raw("UPDATE users SET full_name = 'Siti' WHERE id = \(bind: id)").run()
                try await db.raw("UPDATE user_readiness SET total_attempts_count = 1 WHERE user_id = \(bind: id)").run()
                let user = try #require(try await db.raw("SELECT updated_at FROM users WHERE id = \(bind: id)").first())
                #expect(try user.decode(column: "updated_at", as: Date.self) > past)
                // `last_updated` is the time of the section's latest answer, which only an answer
                // sets (migration 10 removed its trigger): a change of target leaves it alone.
                let readiness = try #require(try await db.raw("SELECT last_updated FROM user_readiness WHERE user_id = \(bind: id)").first())
                #expect(try readiness.decode(column: "last_updated", as: Date.self) == past)

                // A value the application sets itself (from its injected clock) is kept.
                try await db.raw("UPDATE users SET updated_at = \(bind: TestDatabase.referenceNow) WHERE id = \(bind: id)").run()
                let stamped = try #require(try await db.raw("SELECT updated_at FROM users WHERE id = \(bind: id)").first())
                #expect(try stamped.decode(column: "updated_at", as: Date.self) == TestDatabase.referenceNow)
            }
        }
    }

    @Test("constraints reject what the seed's SQL let through", arguments: TestDatabaseKind.allCases)
    func constraints(kind: TestDatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            try await database.withConnection { db in
                let id = UUID()
                try await db.raw("INSERT INTO users (id, clerk_id, email) VALUES (\(bind: id), 'user_c', 'c@example.com')").run()
                // Readiness of 100% fits (erratum 4); 101% does not.
                try await db.raw("INSERT INTO user_readiness (user_id, section, readiness_percentage) VALUES (\(bind: id), 'PU', 100)").run()
                await #expect(throws: (any Error).self) {
                    try await db.raw("INSERT INTO user_readiness (user_id, section, readiness_percentage) VALUES (\(bind: id), 'PK', 101)").run()
                }
                // One readiness row per user and section (erratum 2).
                await #expect(throws: (any Error).self) {
                    try await db.raw("INSERT INTO user_readiness (user_id, section) VALUES (\(bind: id), 'PU')").run()
                }
                // The same e-mail cannot belong to two live accounts, whatever its case.
                await #expect(throws: (any Error).self) {
                    try await db.raw("INSERT INTO users (id, clerk_id, email) VALUES (\(bind: UUID()), 'user_d', 'C@example.com')").run()
                }
                await #expect(throws: (any Error).self) {
                    try await db.raw("INSERT INTO users (id, clerk_id, email, subscription_tier) VALUES (\(bind: UUID()), 'user_e', 'e@example.com', 'gold')").run()
                }
            }
        }
    }
}
