import Foundation
import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit

/// A PostgreSQL connection that runs each data statement as a named prepared statement, so the
/// server plans it once per connection instead of on every call.
///
/// Planning is most of what a short statement costs the server: the feedback request's `begin`
/// takes 0.7 ms to plan and 0.3 ms to run (docs/BENCHMARKS.md). Statements are named after
/// their text and their parameters' types, so a statement first run with a NULL is not reused
/// for a value of another type. Anything whose values Genta does not bind itself (see
/// `PreparedBindings`), and every statement that is not SELECT, INSERT, UPDATE, DELETE or WITH
/// (BEGIN, COMMIT, DDL), goes the ordinary way. The set of statements is fixed by the code, so
/// each connection prepares a bounded number. A migration that changes a column's type while
/// another instance holds statements reading it makes those fail once ("cached plan must not
/// change result type"); migrations run before serving, so only rolling upgrades can meet it.
struct PreparedStatementDatabase: SQLDatabase {
    let connection: PostgresConnection
    /// The ordinary PostgresKit database over the same connection: dialect, serialization, and
    /// every statement this type does not prepare.
    let plain: any SQLDatabase

    var logger: Logger { plain.logger }
    var eventLoop: any EventLoop { plain.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { plain.version }
    var dialect: any SQLDialect { plain.dialect }
    var queryLogLevel: Logger.Level? { plain.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        plain.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        // A connection the lease's watchdog closed between two statements: postgres-nio would
        // queue the next prepared statement on it and never answer (found by a key-correction
        // batch past the operation timeout), so fail here as a closed connection does.
        guard !connection.isClosed, !PostgresLease.hasExpired else {
            throw DatabaseUnavailable(.timedOut, detail: "the connection was closed at the operation timeout")
        }
        let (sql, binds) = plain.serialize(query)
        guard Self.isPreparable(sql), let bindings = PreparedBindings(binds) else {
            return try await plain.execute(sql: query, onRow)
        }
        let statement = NamedStatement.Shape(sql: sql, types: bindings.types)
        if let level = queryLogLevel {
            logger.log(level: level, "Executing prepared query", metadata: ["sql": .string(sql), "name": .string(statement.name)])
        }
        let rows = try await NamedStatement.$shape.withValue(statement) {
            try await connection.execute(NamedStatement(bindings: bindings.bindings), logger: logger)
        }
        for try await row in rows {
            onRow(row.sql())
        }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }

    private static func isPreparable(_ sql: String) -> Bool {
        let start = sql.drop { $0.isWhitespace }.prefix(6).uppercased()
        return ["SELECT", "INSERT", "UPDATE", "DELETE"].contains(start) || start.hasPrefix("WITH")
    }
}

/// One statement for PostgresNIO's prepared-statement API, whose name, text and parameter types
/// are static requirements: they are read, in the calling task, from the shape set around the
/// call (`$shape.withValue`), so one type serves every statement.
private struct NamedStatement: PostgresPreparedStatement {
    struct Shape: Sendable {
        let sql: String
        let types: [PostgresDataType]
        /// Text and types decide the name; a hash keeps it under PostgreSQL's 63 bytes.
        /// Computed once: PostgresNIO reads the name more than once per call.
        let name: String

        init(sql: String, types: [PostgresDataType]) {
            self.sql = sql
            self.types = types
            var hasher = StableHash()
            hasher.add(sql)
            for type in types { hasher.add(String(type.rawValue)) }
            name = "genta_\(hasher.value)"
        }
    }

    @TaskLocal static var shape = Shape(sql: "", types: [])

    static var name: String { shape.name }
    static var sql: String { shape.sql }
    static var bindingDataTypes: [PostgresDataType] { shape.types }

    let bindings: PostgresBindings

    func makeBindings() throws -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}

/// FNV-1a, 64 bits: the same name for the same text in every process (Swift's `Hasher` is
/// seeded per process).
private struct StableHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        value = (value ^ 0xff) &* 0x0000_0100_0000_01B3
    }
}

/// The values Genta binds, with the PostgreSQL type of each; nil when a value is of a kind not
/// listed here (the statement then goes the ordinary way, through PostgresKit's own encoding).
struct PreparedBindings {
    var bindings = PostgresBindings()
    var types: [PostgresDataType] = []

    init?(_ binds: [any Encodable & Sendable]) {
        for bind in binds {
            guard append(bind as Any) else { return nil }
        }
    }

    private mutating func append(_ bind: Any) -> Bool {
        // A nil is bound with its own wrapped type: a NULL integer must not prepare a statement
        // whose parameter is a uuid.
        if let optional = bind as? any OptionalBind {
            if let wrapped = optional.wrapped { return append(wrapped) }
            guard let type = Self.postgresType(of: type(of: optional).wrappedType) else { return false }
            bindings.appendNull()
            types.append(type)
            return true
        }
        switch bind {
        case let value as UUID: add(value, .uuid)
        case let value as String: add(value, .text)
        case let value as Int: add(value, .int8)
        case let value as Bool: add(value, .bool)
        case let value as Date: add(value, .timestamptz)
        case let value as Double: add(value, .float8)
        default: return false
        }
        return true
    }

    private static func postgresType(of type: Any.Type) -> PostgresDataType? {
        switch type {
        case is UUID.Type: .uuid
        case is String.Type: .text
        case is Int.Type: .int8
        case is Bool.Type: .bool
        case is Date.Type: .timestamptz
        case is Double.Type: .float8
        default: nil
        }
    }

    private mutating func add(_ value: some PostgresNonThrowingEncodable, _ type: PostgresDataType) {
        bindings.append(value)
        types.append(type)
    }

}

/// An optional seen through `Any`: whether it holds a value, and the type it would hold.
private protocol OptionalBind {
    static var wrappedType: Any.Type { get }
    var wrapped: Any? { get }
}

extension Optional: OptionalBind {
    static var wrappedType: Any.Type { Wrapped.self }
    var wrapped: Any? { self.map { $0 as Any } }
}
