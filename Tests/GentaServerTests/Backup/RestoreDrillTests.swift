import Foundation
import GentaCore
import GentaStore
import GentaTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// The restore drill of docs/OPERATIONS.md, on both databases: a backup taken while students
/// answer is a consistent snapshot holding every answer acknowledged before it began, and a
/// backup taken at rest restores to a database the API cannot tell from the original.
@Suite("Backups: the restore drill")
struct RestoreDrillTests {
    static let students = 4

    @Test("a backup under a write load restores consistently; one at rest restores exactly", arguments: TestDatabaseKind.allCases)
    func drill(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind, freeDailyQuestions: 100_000) { app in
            let folder = try TestDatabase.temporaryFolder()
            defer { Self.remove(folder) }
            var minted: [String] = []
            for student in 0..<Self.students { minted.append(try await app.token("drill\(student)@example.com")) }
            let tokens = minted

            // 1. Under load: students answer while the backup is taken.
            let load = PracticeLoad(app: app, tokens: tokens)
            let running = Task { try await load.run() }
            // Whatever fails below, the students stop before the application does.
            defer { load.stop() }
            try await load.waitForAcknowledged(atLeast: 3 * Self.students)
            let acknowledgedBefore = load.acknowledged
            let underLoad = folder.appendingPathComponent("under-load.backup")
            // The load stops whatever the backup does.
            let backup: Result<BackupReport, any Error>
            do { backup = .success(try await Self.backup(app.database, to: underLoad)) } catch { backup = .failure(error) }
            let acknowledgedDuring = load.acknowledged.count - acknowledgedBefore.count
            load.stop()
            try await running.value
            _ = try backup.get()
            #expect(load.serverErrors.isEmpty, "\(load.serverErrors)")
            let live = try await TableCensus.of(app.database)
            #expect(live.rowsByTable["attempts"] == load.acknowledged.count)

            try await TestDatabase.withEmptyLocation(kind) { target in
                let report = try await Self.restore(underLoad, into: target)
                #expect(Set(report.census.rowsByTable.keys) == Set(live.rowsByTable.keys))
                for (table, rows) in report.census.rowsByTable {
                    #expect(rows <= live.rowsByTable[table] ?? -1, "\(table): \(rows) restored, \(live.rowsByTable[table] ?? -1) live")
                }
                try await TestDatabase.open(target) { restored in
                    let stored = try await Self.attemptIDs(restored)
                    let missing = acknowledgedBefore.filter { !stored.contains($0) }
                    #expect(missing.isEmpty, "acknowledged before the backup began, missing from it: \(missing)")
                    #expect(try await PracticeConsistency.problems(in: restored) == [])
                }
                // Not a condition (a fast SQLite copy can fall between two answers), but what
                // makes this a drill under load rather than at rest.
                print("restore drill (\(kind)): \(acknowledgedBefore.count) answers before the backup, \(acknowledgedDuring) during it, \(report.census.rowsByTable["attempts"] ?? 0) in it")
            }

            // 2. At rest: the restored copy answers the API exactly as the original does.
            let atRest = folder.appendingPathComponent("at-rest.backup")
            _ = try await Self.backup(app.database, to: atRest)
            let original = try await TableCensus.of(app.database)
            try await TestDatabase.withEmptyLocation(kind) { target in
                let report = try await Self.restore(atRest, into: target)
                #expect(report.census == original)
                try await TestDatabase.open(target) { restored in
                    #expect(try await TableCensus.of(restored) == original)
                    try await PracticeHarness.run(database: restored, clock: app.clock, freeDailyQuestions: 100_000, demoBank: false) { copy in
                        for token in tokens {
                            for path in ["/api/v1/me", "/api/v1/readiness", "/api/v1/attempts?limit=100", "/api/v1/sessions?limit=100"] {
                                let before = try await Self.read(path, as: token, from: app)
                                let after = try await Self.read(path, as: token, from: copy)
                                #expect(before.status == .ok, "\(path): \(before.body)")
                                #expect(after.status == before.status)
                                #expect(after.body == before.body, "\(path) differs after the restore")
                            }
                        }
                    }
                }
            }
        }
    }

    @Test("the drill's consistency check notices a θ, a count or a session that disagrees with the answers")
    func consistencyCheckBites() async throws {
        try await PracticeHarness.run(.sqlite) { app in
            let load = PracticeLoad(app: app, tokens: [try await app.token("check@example.com")], answersPerStudent: 8)
            try await load.run()
            #expect(load.acknowledged.count == 8)
            #expect(try await PracticeConsistency.problems(in: app.database) == [])
            // Each change alone, in a transaction rolled back after the check.
            for tamper in [
                "UPDATE user_readiness SET current_theta = current_theta + 0.5 WHERE total_attempts_count > 0",
                "UPDATE user_readiness SET total_attempts_count = total_attempts_count + 1 WHERE total_attempts_count > 0",
                "UPDATE users SET irt_theta = irt_theta + 0.5",
                "UPDATE user_study_sessions SET questions_attempted = questions_attempted + 1",
            ] {
                do {
                    try await app.database.transaction { db in
                        try await db.raw(SQLQueryString(tamper)).run()
                        let problems = try await PracticeConsistency.problems(db)
                        #expect(!problems.isEmpty, "not noticed: \(tamper)")
                        throw RolledBack()
                    }
                } catch is RolledBack {}
            }
            #expect(try await PracticeConsistency.problems(in: app.database) == [])
        }
    }

    private struct RolledBack: Error {}

    static func backup(_ database: any Database, to file: URL) async throws -> BackupReport {
        try await DatabaseBackup(location: database.location, logger: TestDatabase.logger).write(to: file.path)
    }

    static func restore(_ file: URL, into location: DatabaseLocation) async throws -> RestoreReport {
        try await DatabaseRestore(location: location, logger: TestDatabase.logger).restore(from: file.path)
    }

    static func attemptIDs(_ database: any Database) async throws -> Set<String> {
        try await database.withConnection { db in
            Set(try await db.raw("SELECT id FROM attempts").all().map { try $0.decode(column: "id", as: UUID.self).uuidString.lowercased() })
        }
    }

    /// A GET's status and its JSON body with sorted keys, so equal data compares equal.
    static func read(_ path: String, as token: String, from app: PracticeHarness) async throws -> (status: HTTPResponse.Status, body: String) {
        try await app.client.execute(uri: path, method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
            let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body))
            let sorted = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            return (response.status, String(decoding: sorted, as: UTF8.self))
        }
    }

    static func remove(_ folder: URL) {
        do { try FileManager.default.removeItem(at: folder) } catch {
            TestDatabase.logger.warning("could not remove \(folder.path): \(error)")
        }
    }
}
