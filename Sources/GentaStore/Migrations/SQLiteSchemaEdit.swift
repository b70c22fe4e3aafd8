import Foundation
import SQLKit

/// A change to the text of a SQLite table's definition, for what `ALTER TABLE` cannot do there:
/// widening a CHECK, dropping a NOT NULL, adding a table constraint.
///
/// This is SQLite's documented procedure for such changes (writable_schema, then a new
/// schema_version so every connection reparses): it rewrites no rows, so it is instant and keeps
/// every foreign key pointing at the table intact — the alternative, copying the table into a new
/// one, would need foreign keys off, which cannot be switched inside the migration's
/// transaction. It is only safe when every existing row satisfies the new definition, which is
/// why edits only loosen constraints or add ones the rows are known to meet.
struct SQLiteSchemaEdit: Sendable {
    let table: String
    /// The text replaced; nil to append `new` before the definition's closing parenthesis.
    let old: String?
    let new: String

    /// The same text replaced in several tables.
    static func replace(_ old: String, with new: String, in tables: [String]) -> [SQLiteSchemaEdit] {
        tables.map { SQLiteSchemaEdit(table: $0, old: old, new: new) }
    }

    /// A table constraint added at the end of the definition.
    static func appendConstraint(_ constraint: String, to table: String) -> SQLiteSchemaEdit {
        SQLiteSchemaEdit(table: table, old: nil, new: ",\n    \(constraint)")
    }

    /// The edit that undoes this one.
    var reversed: SQLiteSchemaEdit {
        SQLiteSchemaEdit(table: table, old: new, new: old ?? "")
    }

    /// Applies the edits inside the caller's transaction; fails (and so rolls the migration back)
    /// when a table's definition does not contain the text an edit expects.
    static func apply(_ edits: [SQLiteSchemaEdit], _ db: any SQLDatabase) async throws {
        guard !edits.isEmpty else { return }
        let version = try await db.raw("PRAGMA schema_version").first()?.decode(column: "schema_version", as: Int.self) ?? 0
        try await db.raw("PRAGMA writable_schema = ON").run()
        for edit in edits {
            guard var sql = try await db.raw("""
                SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = \(bind: edit.table)
                """).first()?.decode(column: "sql", as: String.self)
            else { throw SchemaEditFailed(edit: edit, reason: "the table does not exist") }
            if let old = edit.old {
                guard sql.contains(old) else { throw SchemaEditFailed(edit: edit, reason: "the definition does not contain it") }
                sql = sql.replacingOccurrences(of: old, with: edit.new)
            } else {
                guard sql.hasSuffix(")") else { throw SchemaEditFailed(edit: edit, reason: "the definition does not end in )") }
                sql.insert(contentsOf: edit.new, at: sql.index(before: sql.endIndex))
            }
            try await db.raw("""
                UPDATE sqlite_schema SET sql = \(bind: sql) WHERE type = 'table' AND name = \(bind: edit.table)
                """).run()
        }
        try await db.raw("PRAGMA schema_version = \(unsafeRaw: String(version + 1))").run()
        try await db.raw("PRAGMA writable_schema = OFF").run()
    }
}

/// A schema edit could not be applied; the migration is rolled back.
struct SchemaEditFailed: Error, CustomStringConvertible {
    let edit: SQLiteSchemaEdit
    let reason: String
    var description: String { "cannot edit the definition of \(edit.table) (\((edit.old ?? edit.new).debugDescription)): \(reason)" }
}
