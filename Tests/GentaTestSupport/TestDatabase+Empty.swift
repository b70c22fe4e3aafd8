import Foundation
import GentaStore

extension TestDatabase {
    /// Runs `body` with the location of a database nobody has opened: an SQLite path in a new
    /// folder (no file there yet), or a new, empty PostgreSQL database. Where a restore goes.
    /// Removed afterwards.
    public static func withEmptyLocation<T: Sendable>(
        _ kind: TestDatabaseKind, _ body: @Sendable (DatabaseLocation) async throws -> T
    ) async throws -> T {
        switch kind {
        case .sqlite:
            let folder = try temporaryFolder()
            defer { removeQuietly(folder) }
            return try await body(.sqlite(path: folder.appendingPathComponent("restored.sqlite").path))
        case .postgres:
            let server = try postgresServer()
            let name = "genta_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
            try await admin(server, "CREATE DATABASE \(name)")
            var location = server
            location.database = name
            do {
                let result = try await body(.postgres(location))
                try await admin(server, "DROP DATABASE \(name) WITH (FORCE)")
                return result
            } catch {
                try await admin(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
                throw error
            }
        }
    }

    /// Opens the database at `location` (a restored one) for the length of `body`.
    public static func open<T: Sendable>(
        _ location: DatabaseLocation, limits: DatabaseLimits = DatabaseLimits(maximumConnections: 30),
        _ body: @Sendable (any Database) async throws -> T
    ) async throws -> T {
        switch location {
        case .sqlite(let path):
            return try await SQLiteBackend.open(path: path, limits: limits, logger: logger).whileRunning { try await body($0) }
        case .postgres(let server):
            return try await PostgresBackend.open(server, limits: limits, logger: logger).whileRunning { try await body($0) }
        }
    }

    /// A new folder under the temporary directory; the caller removes it.
    public static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("genta-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
