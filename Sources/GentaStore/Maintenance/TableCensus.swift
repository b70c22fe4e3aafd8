import SQLKit

/// Every table of a database and its number of rows: what a backup holds, what a restore
/// brought back, and what a restore drill compares with the live database.
public struct TableCensus: Sendable, Equatable {
    /// Rows per table, the migration ledger included.
    public var rowsByTable: [String: Int]

    public init(rowsByTable: [String: Int]) {
        self.rowsByTable = rowsByTable
    }

    public var tables: Int { rowsByTable.count }
    public var totalRows: Int { rowsByTable.values.reduce(0, +) }

    /// The tables an operator looks at first after a restore: who, what they answered, their
    /// standing, the content, tryouts and payments.
    public static let mainTables = [
        "users", "question_banks", "questions", "passages", "user_study_sessions", "attempts", "user_readiness",
        "attempt_feedback", "tryout_sittings", "payment_subscriptions",
    ]

    /// Counts the rows of every table of `database` (for PostgreSQL, those of its current
    /// schema). On a maintenance connection: counting a large table can take longer than any
    /// request may.
    public static func of(_ database: any Database) async throws -> TableCensus {
        try await database.withMaintenanceConnection { db in try await count(db, dialect: database.dialect) }
    }

    static func count(_ db: any SQLDatabase, dialect: Dialect) async throws -> TableCensus {
        var rows: [String: Int] = [:]
        for table in try await tableNames(db, dialect: dialect) {
            rows[table] = try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return TableCensus(rowsByTable: rows)
    }

    /// The application's tables (SQLite's own `sqlite_*` left out).
    static func tableNames(_ db: any SQLDatabase, dialect: Dialect) async throws -> [String] {
        let query: SQLQueryString = switch dialect {
        case .postgres: "SELECT tablename AS name FROM pg_catalog.pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        case .sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1"
        }
        return try await db.raw(query).all().map { try $0.decode(column: "name", as: String.self) }
    }
}
