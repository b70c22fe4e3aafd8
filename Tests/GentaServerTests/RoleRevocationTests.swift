import Foundation
import GentaCore
import GentaServer
import GentaTestSupport
import JWTKit
import SQLKit
import Testing

/// A role is what Clerk grants now: a token or webhook without one means student.
@Suite("Role revocation")
struct RoleRevocationTests {
    @Test("an admin whose session token loses the role is a student on the next request", arguments: TestDatabaseKind.allCases)
    func tokenWithoutRole(kind: TestDatabaseKind) async throws {
        let clerk = StandInClerkState(keys: [.primary])
        try await withStandInClerk(clerk) { jwksURL in
            try await PracticeHarness.runSignedInByClerk(kind, jwksURL: jwksURL) { (app: PracticeHarness) async throws in
                let admin = try await RSATestKey.primary.sign(ClerkFixture.claims(
                    at: app.clock.now, overrides: ["metadata": .object(["role": "admin"])]))
                #expect(try await app.call(.get, "/api/v1/me", token: admin).json["role"] as? String == "admin")
                #expect(try await app.call(.get, "/api/v1/admin/llm-cost", token: admin).status == .ok)

                let revoked = try await RSATestKey.primary.sign(ClerkFixture.claims(at: app.clock.now))
                #expect(try await app.call(.get, "/api/v1/me", token: revoked).json["role"] as? String == "student")
                #expect(try await app.call(.get, "/api/v1/admin/llm-cost", token: revoked).status == .forbidden)
                #expect(try await Self.role(app, "user_2abcDEF") == "student", "stored, not just answered")

                // An unknown role name grants nothing either.
                let bogus = try await RSATestKey.primary.sign(ClerkFixture.claims(
                    at: app.clock.now, overrides: ["metadata": .object(["role": "superuser"])]))
                #expect(try await app.call(.get, "/api/v1/me", token: bogus).json["role"] as? String == "student")
            }
        }
    }

    @Test("a webhook without a role makes an admin a student", arguments: TestDatabaseKind.allCases)
    func webhookWithoutRole(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind, webhookSecret: ClerkWebhookTests.secret) { (app: PracticeHarness) async throws in
            let granted = ClerkEventFixture.user("user_r", email: "ops@genta.id", first: "Ops", role: "admin",
                updatedAt: 1_700_000_100_000, type: "user.created")
            #expect(try await ClerkWebhookTests.deliver(app, id: "msg_r1", body: granted) == (.ok, "applied"))
            #expect(try await Self.role(app, "user_r") == "admin")
            let revoked = ClerkEventFixture.user("user_r", email: "ops@genta.id", first: "Ops", updatedAt: 1_700_000_200_000)
            #expect(try await ClerkWebhookTests.deliver(app, id: "msg_r2", body: revoked) == (.ok, "applied"))
            #expect(try await Self.role(app, "user_r") == "student")
        }
    }

    @Test("two deliveries at once, older and newer, in either order: the newer's values win", arguments: TestDatabaseKind.allCases)
    func concurrentDeliveries(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind, webhookSecret: ClerkWebhookTests.secret) { (app: PracticeHarness) async throws in
            for round in 0..<8 {
                let subject = "user_race_\(round)"
                // Half the rounds race on an account not seen yet (both try to insert it).
                if round.isMultiple(of: 2) {
                    let first = ClerkEventFixture.user(subject, email: "first\(round)@genta.id", first: "First",
                        updatedAt: 1_700_000_000_000, type: "user.created")
                    #expect(try await ClerkWebhookTests.deliver(app, id: "msg_\(round)_0", body: first).status == .ok)
                }
                let older = ClerkEventFixture.user(subject, email: "older\(round)@genta.id", first: "Older", role: "admin",
                    updatedAt: 1_700_000_100_000)
                let newer = ClerkEventFixture.user(subject, email: "newer\(round)@genta.id", first: "Newer",
                    updatedAt: 1_700_000_200_000)
                let deliveries = round % 4 < 2 ? [("older", older), ("newer", newer)] : [("newer", newer), ("older", older)]
                let statuses = try await withThrowingTaskGroup(of: (String, Int).self) { group in
                    for (name, body) in deliveries {
                        group.addTask {
                            (name, Int(try await ClerkWebhookTests.deliver(app, id: "msg_\(round)_\(name)", body: body).status.code))
                        }
                    }
                    return try await group.reduce(into: [String: Int]()) { $0[$1.0] = $1.1 }
                }
                #expect(statuses == ["older": 200, "newer": 200])
                let row = try #require(try await ClerkWebhookTests.row(app, subject))
                #expect(row.email == "newer\(round)@genta.id", "round \(round)")
                #expect(row.name == "Newer Wijaya", "round \(round)")
                #expect(try await Self.role(app, subject) == "student", "round \(round)")
            }
        }
    }

    /// The losing interleaving made certain: the newer delivery reaches the row first, the
    /// older right behind it, both having read the account before either wrote. Only the
    /// version condition inside the UPDATE stops the older from overwriting the newer.
    @Test("the older delivery queued behind the newer on the row lock does not overwrite it (PostgreSQL)")
    func olderQueuedBehindNewer() async throws {
        try await PracticeHarness.run(.postgres, webhookSecret: ClerkWebhookTests.secret) { (app: PracticeHarness) async throws in
            let created = ClerkEventFixture.user("user_q", email: "first@genta.id", first: "First", updatedAt: 1_700_000_000_000, type: "user.created")
            #expect(try await ClerkWebhookTests.deliver(app, id: "msg_q0", body: created).status == .ok)
            let older = ClerkEventFixture.user("user_q", email: "older@genta.id", first: "Older", role: "admin", updatedAt: 1_700_000_100_000)
            let newer = ClerkEventFixture.user("user_q", email: "newer@genta.id", first: "Newer", updatedAt: 1_700_000_200_000)
            let (locked, holding) = AsyncStream<Void>.makeStream()
            let outcomes = try await withThrowingTaskGroup(of: String?.self) { group in
                group.addTask {
                    try await app.database.transaction { db in
                        try await db.raw("SELECT id FROM users WHERE clerk_id = 'user_q' FOR UPDATE").run()
                        holding.yield()
                        try await SessionEndRaceTests.waitForLockWaiters(2, app)
                        return nil
                    }
                }
                for await _ in locked { break }
                group.addTask { "newer: " + (try await ClerkWebhookTests.deliver(app, id: "msg_q2", body: newer).outcome ?? "?") }
                try await SessionEndRaceTests.waitForLockWaiters(1, app)
                group.addTask { "older: " + (try await ClerkWebhookTests.deliver(app, id: "msg_q1", body: older).outcome ?? "?") }
                return try await group.reduce(into: Set<String>()) { if let outcome = $1 { $0.insert(outcome) } }
            }
            #expect(outcomes == ["newer: applied", "older: stale"])
            let row = try #require(try await ClerkWebhookTests.row(app, "user_q"))
            #expect(row.email == "newer@genta.id")
            #expect(try await Self.role(app, "user_q") == "student")
        }
    }

    static func role(_ app: PracticeHarness, _ subject: String) async throws -> String? {
        try await app.database.withConnection { db in
            try await db.raw("SELECT role FROM users WHERE clerk_id = \(bind: subject)").first()?.decode(column: "role", as: String.self)
        }
    }
}
