import Crypto
import Foundation
import GentaCore
import GentaTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@Suite("Clerk webhooks")
struct ClerkWebhookTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    /// Posts `body` signed as Svix does, with `svix-id` = `id`.
    static func deliver(
        _ app: PracticeHarness, id: String, body: String, signedAt: Date? = nil, secret: String = secret
    ) async throws -> (status: HTTPResponse.Status, outcome: String?) {
        let timestamp = String(Int((signedAt ?? app.clock.now).timeIntervalSince1970))
        let key = SymmetricKey(data: Data(base64Encoded: String(secret.dropFirst("whsec_".count)))!)
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(id).\(timestamp).\(body)".utf8), using: key)
        let headers: HTTPFields = [
            HTTPField.Name("svix-id")!: id, HTTPField.Name("svix-timestamp")!: timestamp,
            HTTPField.Name("svix-signature")!: "v1,\(Data(mac).base64EncodedString())", .contentType: "application/json",
        ]
        return try await app.client.execute(uri: "/webhooks/clerk", method: .post, headers: headers, body: ByteBuffer(string: body)) {
            let json = try? JSONSerialization.jsonObject(with: Data(buffer: $0.body)) as? [String: Any]  // ok: error bodies are checked by status
            return ($0.status, json?["status"] as? String ?? (json?["error"] as? [String: Any])?["code"] as? String)
        }
    }

    static func user(_ id: String, email: String, first: String, updatedAt: Int, type: String = "user.updated") -> String {
        """
        {"object":"event","type":"\(type)","timestamp":\(updatedAt),"data":{"id":"\(id)","object":"user",
         "email_addresses":[{"id":"idn_1","email_address":"\(email)","verification":{"status":"verified"}}],
         "primary_email_address_id":"idn_1","first_name":"\(first)","last_name":"Wijaya","image_url":null,
         "public_metadata":{},"created_at":1700000000000,"updated_at":\(updatedAt)}}
        """
    }

    static func row(_ app: PracticeHarness, _ subject: String) async throws -> (email: String, name: String?, deleted: Bool)? {
        try await app.database.withConnection { db in
            try await db.raw("SELECT email, full_name, deleted_at FROM users WHERE clerk_id = \(bind: subject)").first().map {
                (try $0.decode(column: "email", as: String.self), try $0.decode(column: "full_name", as: String?.self),
                 try $0.decode(column: "deleted_at", as: Date?.self) != nil)
            }
        }
    }

    @Test("create, duplicate, stale and newer updates, delete", arguments: TestDatabaseKind.allCases)
    func lifecycle(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind, webhookSecret: Self.secret) { (app: PracticeHarness) async throws in
            let created = Self.user("user_1", email: "Dewi@Example.com", first: "Dewi", updatedAt: 1_700_000_100_000, type: "user.created")
            #expect(try await Self.deliver(app, id: "msg_1", body: created) == (.ok, "applied"))
            #expect(try await Self.row(app, "user_1")?.email == "dewi@example.com")
            #expect(try await Self.row(app, "user_1")?.name == "Dewi Wijaya")
            #expect(try await Self.deliver(app, id: "msg_1", body: created) == (.ok, "duplicate"))

            let newer = Self.user("user_1", email: "dewi@genta.id", first: "Dewi", updatedAt: 1_700_000_300_000)
            let older = Self.user("user_1", email: "old@genta.id", first: "Old", updatedAt: 1_700_000_200_000)
            #expect(try await Self.deliver(app, id: "msg_3", body: newer) == (.ok, "applied"))
            #expect(try await Self.deliver(app, id: "msg_2", body: older) == (.ok, "stale"), "out of order: older loses")
            #expect(try await Self.row(app, "user_1")?.email == "dewi@genta.id")

            let deleted = #"{"object":"event","type":"user.deleted","timestamp":1700000400000,"data":{"deleted":true,"id":"user_1","object":"user"}}"#
            #expect(try await Self.deliver(app, id: "msg_4", body: deleted) == (.ok, "applied"))
            #expect(try await Self.row(app, "user_1")?.deleted == true)
            #expect(try await Self.deliver(app, id: "msg_5", body: newer) == (.ok, "stale"), "a deleted account stays deleted")

            // Deleted before it was ever created here: a late creation does not revive it.
            let ghost = #"{"object":"event","type":"user.deleted","timestamp":1700000400000,"data":{"deleted":true,"id":"user_2","object":"user"}}"#
            #expect(try await Self.deliver(app, id: "msg_6", body: ghost) == (.ok, "applied"))
            let late = Self.user("user_2", email: "ghost@genta.id", first: "Ghost", updatedAt: 1_700_000_100_000, type: "user.created")
            #expect(try await Self.deliver(app, id: "msg_7", body: late) == (.ok, "stale"))
            #expect(try await Self.row(app, "user_2")?.deleted == true)

            let session = #"{"object":"event","type":"session.created","timestamp":1,"data":{"id":"sess_1"}}"#
            #expect(try await Self.deliver(app, id: "msg_8", body: session) == (.ok, "ignored"))
        }
    }

    @Test("a 255-character Clerk id is stored, created or deleted first, on both databases", arguments: TestDatabaseKind.allCases)
    func longestIDs(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind, webhookSecret: Self.secret) { (app: PracticeHarness) async throws in
            let created = String(repeating: "c", count: 255), deleted = String(repeating: "0", count: 255)
            let body = Self.user(created, email: "long@genta.id", first: "L", updatedAt: 1_700_000_100_000, type: "user.created")
            #expect(try await Self.deliver(app, id: "msg_long_1", body: body) == (.ok, "applied"))
            let gone = #"{"type":"user.deleted","object":"event","data":{"deleted":true,"id":"\#(deleted)","object":"user"}}"#
            #expect(try await Self.deliver(app, id: "msg_long_2", body: gone) == (.ok, "applied"))
            #expect(try await app.count("SELECT COUNT(*) AS n FROM users") == 2)
        }
    }

    @Test("forged, replayed-late and unconfigured deliveries are refused and change nothing")
    func refusals() async throws {
        try await PracticeHarness.run(.sqlite, webhookSecret: Self.secret) { (app: PracticeHarness) async throws in
            let body = Self.user("user_9", email: "x@genta.id", first: "X", updatedAt: 1_700_000_100_000, type: "user.created")
            let forged = try await Self.deliver(app, id: "msg_a", body: body, secret: "whsec_" + Data(repeating: 7, count: 24).base64EncodedString())
            #expect(forged.status == .unauthorized)
            let late = try await Self.deliver(app, id: "msg_b", body: body, signedAt: app.clock.now.addingTimeInterval(-600))
            #expect(late.status == .unauthorized)
            #expect(try await Self.row(app, "user_9") == nil)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM webhook_deliveries") == 0)
        }
        try await PracticeHarness.run(.sqlite) { (app: PracticeHarness) async throws in
            let body = Self.user("user_9", email: "x@genta.id", first: "X", updatedAt: 1, type: "user.created")
            #expect(try await Self.deliver(app, id: "msg_c", body: body) == (.notFound, "not_found"),
                "without a secret the endpoint is switched off, not broken")
        }
        try await PracticeHarness.run(.sqlite, webhookSecret: Self.secret) { (app: PracticeHarness) async throws in
            let padded = Self.user("user_9", email: "x@genta.id", first: String(repeating: "x", count: 300 * 1024), updatedAt: 1)
            #expect(try await Self.deliver(app, id: "msg_d", body: padded) == (.contentTooLarge, "body_too_large"))
            #expect(try await app.count("SELECT COUNT(*) AS n FROM webhook_deliveries") == 0)
        }
    }
}
