import Foundation
import GentaCore
import GentaServer
import GentaTestSupport
import JWTKit
import SQLKit
import Testing

/// What Clerk sends cannot be refused, only made to fit: names and URLs are cleaned or
/// dropped, an unusable e-mail leaves the delivery recorded and ignored; never a 500.
@Suite("Names and addresses from Clerk")
struct ProviderTextTests {
    static let longName = String(repeating: "👍🏽", count: 200)  // 200 characters, 400 code points

    @Test("a 400-code-point name, control characters and an over-long avatar URL still sync", arguments: TestDatabaseKind.allCases)
    func webhookNames(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind, webhookSecret: ClerkWebhookTests.secret) { (app: PracticeHarness) async throws in
            let long = ClerkEventFixture.user("user_t1", email: "emoji@genta.id", first: Self.longName,
                image: "https://img.clerk.com/" + String(repeating: "a", count: 600), updatedAt: 1_700_000_100_000, type: "user.created")
            #expect(try await ClerkWebhookTests.deliver(app, id: "msg_t1", body: long) == (.ok, "applied"))
            let name = try #require(try await ClerkWebhookTests.row(app, "user_t1")?.name)
            #expect(name.unicodeScalars.count <= UserColumnLimits.fullName)
            // Cut between characters, never inside one: 127 whole thumbs (254 code points), and
            // the last name no longer fits.
            #expect(name == String(repeating: "👍🏽", count: 127))
            #expect(try await Self.avatar(app, "user_t1") == nil, "a URL longer than its column is dropped")

            let controls = ClerkEventFixture.user("user_t2", email: "dewi@genta.id", first: "De\u{0}wi\u{7}", last: "\tWijaya\u{1b}",
                image: "https://img.clerk.com/dewi.png", updatedAt: 1_700_000_100_000, type: "user.created")
            #expect(try await ClerkWebhookTests.deliver(app, id: "msg_t2", body: controls) == (.ok, "applied"))
            #expect(try await ClerkWebhookTests.row(app, "user_t2")?.name == "Dewi Wijaya")
            #expect(try await Self.avatar(app, "user_t2") == "https://img.clerk.com/dewi.png")
        }
    }

    @Test("an e-mail address too long to store: recorded, ignored, 2xx, nothing changed", arguments: TestDatabaseKind.allCases)
    func webhookLongEmail(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind, webhookSecret: ClerkWebhookTests.secret) { (app: PracticeHarness) async throws in
            let email = String(repeating: "x", count: 250) + "@genta.id"
            let created = ClerkEventFixture.user("user_t3", email: email, first: "Long", updatedAt: 1_700_000_100_000, type: "user.created")
            #expect(try await ClerkWebhookTests.deliver(app, id: "msg_t3", body: created) == (.ok, "email_unusable"))
            #expect(try await ClerkWebhookTests.row(app, "user_t3") == nil)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE id = 'msg_t3'") == 1)
            #expect(try await ClerkWebhookTests.deliver(app, id: "msg_t3", body: created) == (.ok, "duplicate"), "Svix's retry changes nothing")

            // An account we already hold keeps its values.
            let good = ClerkEventFixture.user("user_t4", email: "budi@genta.id", first: "Budi", updatedAt: 1_700_000_100_000, type: "user.created")
            #expect(try await ClerkWebhookTests.deliver(app, id: "msg_t4", body: good) == (.ok, "applied"))
            let bad = ClerkEventFixture.user("user_t4", email: email, first: "Other", updatedAt: 1_700_000_200_000)
            #expect(try await ClerkWebhookTests.deliver(app, id: "msg_t5", body: bad) == (.ok, "email_unusable"))
            #expect(try await ClerkWebhookTests.row(app, "user_t4")?.email == "budi@genta.id")
            #expect(try await ClerkWebhookTests.row(app, "user_t4")?.name == "Budi Wijaya")
        }
    }

    @Test("a session token's over-long name is cut to fit and an over-long e-mail is not stored", arguments: TestDatabaseKind.allCases)
    func tokenNames(kind: TestDatabaseKind) async throws {
        let clerk = StandInClerkState(keys: [.primary])
        try await withStandInClerk(clerk) { jwksURL in
            try await PracticeHarness.runSignedInByClerk(kind, jwksURL: jwksURL) { (app: PracticeHarness) async throws in
                let token = try await RSATestKey.primary.sign(ClerkFixture.claims(at: app.clock.now, overrides: [
                    "name": .string(Self.longName + "\u{0}"), "email": .string(String(repeating: "y", count: 300) + "@genta.id"),
                ]))
                let me = try await app.call(.get, "/api/v1/me", token: token)
                #expect(me.status == .ok)
                #expect(me.json["full_name"] as? String == String(repeating: "👍🏽", count: 127))
                #expect(me.json["email"] as? String == "\(me.json["id"] as? String ?? "?")@users.genta.invalid",
                    "a placeholder until the webhook fills in a usable address")
            }
        }
    }

    static func avatar(_ app: PracticeHarness, _ subject: String) async throws -> String? {
        try await app.database.withConnection { db in
            try await db.raw("SELECT avatar_url FROM users WHERE clerk_id = \(bind: subject)").first()?
                .decode(column: "avatar_url", as: String?.self)
        }
    }
}
