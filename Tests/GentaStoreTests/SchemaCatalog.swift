import GentaStore
import SQLKit

/// Reads the live schema from the database's own catalog.
enum SchemaCatalog {
    /// Application tables (the migration ledger excluded).
    static func tables(_ database: any Database) async throws -> Set<String> {
        try await database.withConnection { db in
            let sql: SQLQueryString =
                database.dialect == .postgres
                ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'"
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            let names = try await db.raw(sql).all().map { try $0.decode(column: "name", as: String.self) }
            return Set(names).subtracting(["schema_migrations"])
        }
    }

    /// Column names of a table, in any order.
    static func columns(_ database: any Database, table: String) async throws -> Set<String> {
        try await database.withConnection { db in
            let sql: SQLQueryString =
                database.dialect == .postgres
                ? "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = \(bind: table)"
                : "SELECT name FROM pragma_table_info(\(bind: table))"
            return Set(try await db.raw(sql).all().map { try $0.decode(column: "name", as: String.self) })
        }
    }

    /// Index names of a table (constraint-backed ones included).
    static func indexes(_ database: any Database, table: String) async throws -> Set<String> {
        try await database.withConnection { db in
            let sql: SQLQueryString =
                database.dialect == .postgres
                ? "SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public' AND tablename = \(bind: table)"
                : "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = \(bind: table)"
            return Set(try await db.raw(sql).all().map { try $0.decode(column: "name", as: String.self) })
        }
    }
}
