import Foundation
import GentaCore
@testable import GentaServer
import GentaStore
import GentaTestSupport
import HTTPTypes
import Synchronization
import Testing

@Suite("Error logs")
struct ErrorLogTests {
    final class Holder: Sendable {
        let database = Mutex<ArmedDatabase?>(nil)
        var armed: ArmedDatabase { database.withLock { $0! } }
    }

    @Test("a 500 is written to error_logs with its request id, an admin reads it, and a failed write is no second failure",
        arguments: TestDatabaseKind.allCases)
    func recorded(kind: TestDatabaseKind) async throws {
        let holder = Holder()
        try await PracticeHarness.run(kind, serving: { database in
            let armed = ArmedDatabase(database)
            holder.database.withLock { $0 = armed }
            return armed
        }) { app in
            let admin = try await app.token("ops@genta.id", role: .admin)
            let student = try await app.token("murid@example.com")
            #expect(try await app.call(.get, "/api/v1/me", token: student).status == .ok)
            holder.armed.arm(1)
            let failed = try await app.call(.get, "/api/v1/me", token: student, headers: [.init("X-Request-Id")!: "trace-error-1"])
            #expect(failed.status == .internalServerError && (failed.json["error"] as? [String: Any])?["code"] as? String == "internal_error")

            let (status, json) = try await app.call(.get, "/api/v1/admin/error-logs?severity=critical&limit=10", token: admin)
            #expect(status == .ok)
            let entries = try #require(json["error_logs"] as? [[String: Any]])
            #expect(entries.count == 1)
            #expect(entries.first?["request_id"] as? String == "trace-error-1" && entries.first?["http_status_code"] as? Int == 500)
            #expect(entries.first?["endpoint"] as? String == "/api/v1/me" && entries.first?["method"] as? String == "GET")
            #expect(entries.first?["error_type"] as? String == "Broken")

            // Failing after sign-in: the entry names the student.
            holder.armed.arm(1, after: 1)
            let afterSignIn = try await app.call(.get, "/api/v1/readiness", token: student)
            #expect(afterSignIn.status == .internalServerError)
            let named = try await app.call(.get, "/api/v1/admin/error-logs?limit=1", token: admin)
            let latest = try #require((named.json["error_logs"] as? [[String: Any]])?.first)
            #expect(latest["endpoint"] as? String == "/api/v1/readiness")
            #expect(latest["user_id"] as? String != nil, "\(latest)")

            // The database fails the request and the record of it too: still one plain 500.
            holder.armed.arm(2)
            let twice = try await app.call(.get, "/api/v1/me", token: student)
            #expect(twice.status == .internalServerError && (twice.json["error"] as? [String: Any])?["code"] as? String == "internal_error")
            #expect((try await app.call(.get, "/api/v1/admin/error-logs", token: admin).json["error_logs"] as? [Any])?.count == 2)

            #expect(try await app.call(.get, "/api/v1/admin/error-logs", token: student).status == .forbidden)
            let bad = try await app.call(.get, "/api/v1/admin/error-logs?since=yesterday", token: admin)
            #expect(bad.status == .badRequest && (bad.json["error"] as? [String: Any])?["code"] as? String == "invalid_date")
            #expect((try await app.call(.get, "/api/v1/admin/error-logs?since=2026-11-30", token: admin).json["error_logs"] as? [Any])?.count == 2)
            #expect((try await app.call(.get, "/api/v1/admin/error-logs?since=2026-12-31", token: admin).json["error_logs"] as? [Any])?.count == 0)
        }
    }
}
