import Foundation
import GentaStore
import GentaTestSupport
import Testing

/// What the backup tests share: a live database with the demo bank in it, a folder for backup
/// files, and the one-line refusals they expect.
enum BackupFixture {
    /// Runs `body` with a migrated database of `kind` holding the demo bank, and an empty folder.
    static func withLiveDatabase(
        _ kind: TestDatabaseKind, _ body: @Sendable (any Database, URL) async throws -> Void
    ) async throws {
        try await TestDatabase.with(kind) { database in
            _ = try await DemoBankLoader(database: database, now: { TestDatabase.referenceNow }).loadIfNeeded()
            let folder = try TestDatabase.temporaryFolder()
            defer { remove(folder) }
            try await body(database, folder)
        }
    }

    static func backup(_ database: any Database, to file: URL, replacing: Bool = false) async throws -> BackupReport {
        try await DatabaseBackup(location: database.location, logger: TestDatabase.logger).write(to: file.path, replacing: replacing)
    }

    static func restore(_ file: URL, into location: DatabaseLocation) async throws -> RestoreReport {
        try await DatabaseRestore(location: location, logger: TestDatabase.logger).restore(from: file.path)
    }

    /// Expects `work` to fail with a `BackupError` whose message contains every one of `phrases`.
    static func expectRefusal(
        _ phrases: [String], sourceLocation: SourceLocation = #_sourceLocation, _ work: () async throws -> Void
    ) async {
        do {
            try await work()
            Issue.record("expected a refusal saying \(phrases)", sourceLocation: sourceLocation)
        } catch let error as BackupError {
            for phrase in phrases {
                #expect(error.message.contains(phrase), "\(error.message)", sourceLocation: sourceLocation)
            }
            #expect(!error.message.contains("\n"), "one line: \(error.message)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected a BackupError, got \(error)", sourceLocation: sourceLocation)
        }
    }

    /// The names in `folder`.
    static func files(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    /// Whether the database at `location` is as an empty location was: no SQLite file, or a
    /// PostgreSQL database without tables.
    static func isUntouched(_ location: DatabaseLocation) async throws -> Bool {
        switch location {
        case .sqlite(let path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            return try files(in: folder).isEmpty
        case .postgres:
            return try await TestDatabase.open(location) { database in try await TableCensus.of(database).tables == 0 }
        }
    }

    static func remove(_ folder: URL) {
        do { try FileManager.default.removeItem(at: folder) } catch {
            TestDatabase.logger.warning("could not remove \(folder.path): \(error)")
        }
    }
}
