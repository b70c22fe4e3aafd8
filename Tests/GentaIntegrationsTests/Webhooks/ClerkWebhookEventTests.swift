import Foundation
import GentaCore
import GentaIntegrations
import Testing

/// Decoding Clerk's webhook bodies, with samples shaped like Clerk's documented examples
/// (trimmed, plus fields Genta does not read, which must be ignored).
@Suite struct ClerkWebhookEventTests {
    func decode(_ json: String) throws(WebhookError) -> ClerkWebhookEvent {
        try ClerkWebhookEvent.decode(Array(json.utf8))
    }

    static let userCreated = #"""
        {"data":{"birthday":"","created_at":1654012591514,
          "email_addresses":[
            {"email_address":"old@example.org","id":"idn_old","linked_to":[],"object":"email_address",
             "verification":{"status":"unverified","strategy":"email_code"}},
            {"email_address":"example@example.org","id":"idn_29w83yL7CwVlJXylYLxcslromF1","linked_to":[],
             "object":"email_address","verification":{"status":"verified","strategy":"ticket"}}],
          "external_accounts":[],"external_id":"567772","first_name":"Example","gender":"",
          "id":"user_29w83sxmDNGwOuEthce5gg56FcC","image_url":"https://img.clerk.com/xxxxxx",
          "last_name":"Example","last_sign_in_at":1654012591514,"object":"user","password_enabled":true,
          "phone_numbers":[],"primary_email_address_id":"idn_29w83yL7CwVlJXylYLxcslromF1",
          "primary_phone_number_id":null,"private_metadata":{},"profile_image_url":"https://www.gravatar.com/avatar?d=mp",
          "public_metadata":{},"two_factor_enabled":false,"unsafe_metadata":{"role":"admin"},
          "updated_at":1654012591835,"username":null,"web3_wallets":[]},
         "event_attributes":{"http_request":{"client_ip":"0.0.0.0","user_agent":"Mozilla/5.0"}},
         "instance_id":"ins_123","object":"event","timestamp":1654012591835,"type":"user.created"}
        """#

    @Test func decodesUserCreated() throws {
        let event = try decode(Self.userCreated)
        #expect(
            event
                == .userUpserted(
                    ClerkUser(
                        id: "user_29w83sxmDNGwOuEthce5gg56FcC", primaryEmail: "example@example.org", emailVerified: true,
                        firstName: "Example", lastName: "Example", imageURL: "https://img.clerk.com/xxxxxx",
                        // unsafe_metadata is writable by the user: it never grants a role.
                        role: nil,
                        createdAt: Date(timeIntervalSince1970: 1_654_012_591.514),
                        updatedAt: Date(timeIntervalSince1970: 1_654_012_591.835))))
    }

    @Test func decodesUserUpdatedWithRole() throws {
        let json = #"""
            {"data":{"id":"user_1","email_addresses":[{"id":"idn_1","email_address":"r@genta.id",
              "verification":{"status":"unverified"}}],"primary_email_address_id":"idn_1",
              "first_name":null,"last_name":null,"image_url":null,"public_metadata":{"role":"Reviewer","plan":"pro"},
              "created_at":1700000000000,"updated_at":1700000123456},
             "object":"event","timestamp":1700000123999,"type":"user.updated"}
            """#
        guard case .userUpserted(let user) = try decode(json) else {
            Issue.record("expected an upsert")
            return
        }
        #expect(user.role == .reviewer)
        #expect(user.primaryEmail == "r@genta.id")
        #expect(user.emailVerified == false)
        #expect(user.firstName == nil)
        #expect(user.updatedAt == Date(timeIntervalSince1970: 1_700_000_123.456))
    }

    @Test func toleratesOddMetadataAndMissingEmail() throws {
        let json = #"""
            {"data":{"id":"user_2","email_addresses":[],"primary_email_address_id":null,
              "public_metadata":{"role":["admin"]},"created_at":1,"updated_at":2},
             "object":"event","type":"user.updated"}
            """#
        guard case .userUpserted(let user) = try decode(json) else {
            Issue.record("expected an upsert")
            return
        }
        #expect(user.primaryEmail == nil)
        #expect(user.emailVerified == false)
        #expect(user.role == nil)
    }

    @Test func decodesUserDeleted() throws {
        let json = #"""
            {"data":{"deleted":true,"id":"user_29wBMCtzATuFJut8jO2VNTVekS4","object":"user"},
             "object":"event","timestamp":1661861640000,"type":"user.deleted"}
            """#
        #expect(try decode(json) == .userDeleted(id: "user_29wBMCtzATuFJut8jO2VNTVekS4"))
    }

    @Test func ignoresOtherEvents() throws {
        let json = #"{"data":{"id":"sess_1","status":"active"},"object":"event","type":"session.created"}"#
        #expect(try decode(json) == .ignored(type: "session.created"))
        #expect(try decode(#"{"type":"email.created"}"#) == .ignored(type: "email.created"))
    }

    @Test func refusesBodiesItCannotRead() {
        #expect(throws: WebhookError.payloadInvalid) { try decode("not json") }
        #expect(throws: WebhookError.payloadInvalid) { try decode(#"{"data":{}}"#) }
        #expect(throws: WebhookError.payloadInvalid) { try decode(#"{"type":"user.deleted","data":{"deleted":true}}"#) }
        #expect(throws: WebhookError.payloadInvalid) { try decode(#"{"type":"user.created","data":{"id":"user_1"}}"#) }
    }

    @Test("user ids that cannot be an account (NUL, over 255 code points, blank) are refused", arguments: [
        #"user_\u0000x"#, String(repeating: "u", count: 256), "", " user_1",
    ])
    func refusesImpossibleUserIDs(id: String) {
        #expect(throws: WebhookError.payloadInvalid) {
            try decode(#"{"type":"user.created","data":{"id":"\#(id)","created_at":1,"updated_at":1}}"#)
        }
        #expect(throws: WebhookError.payloadInvalid) { try decode(#"{"type":"user.deleted","data":{"id":"\#(id)"}}"#) }
    }

    @Test("times outside 1970–2100 are refused, not stored as dates PostgreSQL cannot hold", arguments: ["1e300", "-1", "4102444800001"])
    func refusesAbsurdTimes(time: String) {
        let json = #"{"type":"user.created","data":{"id":"user_1","created_at":1,"updated_at":\#(time)}}"#
        #expect(throws: WebhookError.payloadInvalid) { try decode(json) }
    }
}
