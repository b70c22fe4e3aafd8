import Foundation
import SQLKit

/// Applies migrations and reports which are applied.
///
/// Applied versions are recorded in `schema_migrations`. Each migration runs in its own
/// transaction together with its record, so a failure leaves the schema at the last good
/// version. A database holding versions this build does not know was migrated by a newer
/// Genta: the migrator refuses to touch it rather than guess.
public struct Migrator: Sendable {
    public struct Status: Sendable, Equatable {
        public var version: Int
        public var name: String
        /// When it was applied; `nil` while pending.
        public var appliedAt: Date?
    }

    let database: any Database
    let migrations: [Migration]
    let now: @Sendable () -> Date

    public init(database: any Database, migrations: [Migration] = Migration.all, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.migrations = migrations
        self.now = now
    }

    /// Every known migration with its state, oldest first.
    public func status() async throws -> [Status] {
        let applied = try await database.withConnection { db in
            try await createLedger(db)
            return try await appliedVersions(db)
        }
        try checkKnown(applied)
        return migrations.map { Status(version: $0.version, name: $0.name, appliedAt: applied[$0.version]) }
    }

    /// Applies what is pending; returns the versions it applied (empty when up to date).
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await database.withMaintenanceConnection { db in
            // Several instances may start at once on PostgreSQL: one migrates, the others wait
            // and then find nothing to do. The lock comes first: two concurrent CREATE TABLE IF
            // NOT EXISTS of the ledger can collide in PostgreSQL's catalog.
            if database.dialect == .postgres {
                try await db.raw("SELECT pg_advisory_lock(\(literal: Self.lockKey))").run()
            }
            do {
                try await createLedger(db)
                let applied = try await applyPending(db)
                if database.dialect == .postgres {
                    try await db.raw("SELECT pg_advisory_unlock(\(literal: Self.lockKey))").run()
                }
                return applied
            } catch {
                if database.dialect == .postgres {
                    try await db.raw("SELECT pg_advisory_unlock(\(literal: Self.lockKey))").run()
                }
                throw error
            }
        }
    }

    /// Reverts the newest applied migration; returns its version, or nil when none is applied.
    public func revertLast() async throws -> Int? {
        try await database.withConnection { db in
            try await createLedger(db)
            let applied = try await appliedVersions(db)
            try checkKnown(applied)
            guard let newest = migrations.last(where: { applied[$0.version] != nil }) else { return nil }
            try await db.runTransaction(begin: begin) { tx in
                if database.dialect == .sqlite { try await SQLiteSchemaEdit.apply(newest.edits(.down), tx) }
                for statement in newest.statements(.down, for: database.dialect) {
                    try await tx.raw(SQLQueryString(statement)).run()
                }
                try await tx.raw("DELETE FROM schema_migrations WHERE version = \(bind: newest.version)").run()
            }
            return newest.version
        }
    }

    private func applyPending(_ db: any SQLDatabase) async throws -> [Int] {
        let applied = try await appliedVersions(db)
        try checkKnown(applied)
        var done: [Int] = []
        for migration in migrations where applied[migration.version] == nil {
            try await db.runTransaction(begin: begin) { tx in
                for statement in migration.statements(.up, for: database.dialect) {
                    try await tx.raw(SQLQueryString(statement)).run()
                }
                if database.dialect == .sqlite { try await SQLiteSchemaEdit.apply(migration.edits(.up), tx) }
                try await tx.raw("""
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: now()))
                    """).run()
            }
            done.append(migration.version)
        }
        return done
    }

    private var begin: String { database.dialect == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN" }

    static let lockKey = 7_310_451_001  // arbitrary, constant: "the migration lock"

    private func createLedger(_ db: any SQLDatabase) async throws {
        let timestamp = database.dialect == .postgres ? "TIMESTAMPTZ" : "REAL"
        try await db.raw("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at \(unsafeRaw: timestamp) NOT NULL
            )
            """).run()
    }

    private func appliedVersions(_ db: any SQLDatabase) async throws -> [Int: Date] {
        let rows = try await db.raw("SELECT version, applied_at FROM schema_migrations").all()
        var applied: [Int: Date] = [:]
        for row in rows {
            applied[try row.decode(column: "version", as: Int.self)] = try row.decode(column: "applied_at", as: Date.self)
        }
        return applied
    }

    private func checkKnown(_ applied: [Int: Date]) throws {
        let known = Set(migrations.map(\.version))
        let unknown = applied.keys.filter { !known.contains($0) }.sorted()
        guard unknown.isEmpty else { throw UnknownMigrationsError(versions: unknown) }
    }
}

/// The database was migrated by a newer Genta than this one.
public struct UnknownMigrationsError: Error, Sendable, CustomStringConvertible {
    public let versions: [Int]
    public var description: String {
        "the database has migration version(s) \(versions.map(String.init).joined(separator: ", ")) "
            + "that this build of Genta does not know; upgrade Genta before using this database"
    }
}
