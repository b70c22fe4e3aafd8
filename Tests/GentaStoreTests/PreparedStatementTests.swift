import Foundation
import GentaStore
import GentaTestSupport
import SQLKit
import Testing

@Suite("Prepared statements on PostgreSQL")
struct PreparedStatementTests {
    @Test("data statements are prepared once per connection and named by their parameters' types")
    func preparedAndTyped() async throws {
        try await TestDatabase.with(.postgres, migrated: false) { database in
            try await database.withConnection { db in
                try await db.raw("CREATE TEMPORARY TABLE t (n INTEGER, id UUID, note TEXT)").run()
                // The same text, first with NULLs, then with values: each NULL keeps its own type,
                // so the second run is not refused for binding an integer where a uuid was prepared.
                for (n, id, note) in [(Int?.none, UUID?.none, String?.none), (5, UUID(), "lima")] {
                    try await db.raw("INSERT INTO t (n, id, note) VALUES (\(bind: n), \(bind: id), \(bind: note))").run()
                }
                let rows = try await db.raw("SELECT n, note FROM t WHERE n IS NOT NULL OR \(bind: true)").all()
                #expect(rows.count == 2)
                #expect(try rows.compactMap { try $0.decode(column: "n", as: Int?.self) } == [5])
                let names = try await db.raw("SELECT name FROM pg_prepared_statements WHERE NOT from_sql").all()
                    .map { try $0.decode(column: "name", as: String.self) }
                #expect(names.filter { $0.hasPrefix("genta_") }.count >= 2, "the INSERT and the SELECT: \(names)")
                // DDL and transaction control are not prepared.
                #expect(try await db.raw("SELECT COUNT(*) AS n FROM pg_prepared_statements WHERE statement ILIKE 'CREATE%'").first()?
                    .decode(column: "n", as: Int.self) == 0)
            }
        }
    }
}
