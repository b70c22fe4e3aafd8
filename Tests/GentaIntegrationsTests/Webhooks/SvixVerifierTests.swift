import Foundation
import GentaCore
import GentaIntegrations
import Testing

/// Svix signatures, checked with the vector from Svix's documentation (INTEGRATIONS.md).
@Suite struct SvixVerifierTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let id = "msg_p5jXN8AQM9LWM0D4loKWxJek"
    static let timestamp = "1614265330"
    static let body = Array(#"{"test": 2432232314}"#.utf8)
    static let signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="

    func verifier(offset: TimeInterval = 0, secret: String = secret) throws -> SvixVerifier {
        try SvixVerifier(secret: secret, clock: .fixed(Date(timeIntervalSince1970: 1_614_265_330 + offset)))
    }

    @Test func acceptsTheDocumentedVector() throws {
        try verifier().verify(id: Self.id, timestamp: Self.timestamp, signatureHeader: Self.signature, body: Self.body)
        // The whsec_ prefix is optional, as in Svix's own libraries.
        try verifier(secret: "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
            .verify(id: Self.id, timestamp: Self.timestamp, signatureHeader: Self.signature, body: Self.body)
    }

    @Test func refusesATamperedBodyIdOrTimestamp() throws {
        let verifier = try verifier()
        #expect(throws: WebhookError.signatureInvalid) {
            try verifier.verify(
                id: Self.id, timestamp: Self.timestamp, signatureHeader: Self.signature,
                body: Array(#"{"test": 2432232315}"#.utf8))
        }
        #expect(throws: WebhookError.signatureInvalid) {
            try verifier.verify(
                id: "msg_other", timestamp: Self.timestamp, signatureHeader: Self.signature, body: Self.body)
        }
        #expect(throws: WebhookError.signatureInvalid) {
            try verifier.verify(id: Self.id, timestamp: "1614265331", signatureHeader: Self.signature, body: Self.body)
        }
    }

    @Test func acceptsAnyMatchingSignatureAmongSeveral() throws {
        let header = "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= v1a,c29tZXRoaW5n v1,not-base64 \(Self.signature)"
        try verifier().verify(id: Self.id, timestamp: Self.timestamp, signatureHeader: header, body: Self.body)
    }

    @Test func refusesTimestampsOutsideFiveMinutes() throws {
        for offset in [301.0, -301.0] {
            #expect(throws: WebhookError.timestampOutOfRange) {
                try verifier(offset: offset)
                    .verify(id: Self.id, timestamp: Self.timestamp, signatureHeader: Self.signature, body: Self.body)
            }
        }
        try verifier(offset: 300)
            .verify(id: Self.id, timestamp: Self.timestamp, signatureHeader: Self.signature, body: Self.body)
    }

    @Test func refusesMissingOrMalformedHeaders() throws {
        let verifier = try verifier()
        #expect(throws: WebhookError.headersMissing) {
            try verifier.verify(id: nil, timestamp: Self.timestamp, signatureHeader: Self.signature, body: Self.body)
        }
        #expect(throws: WebhookError.headersMissing) {
            try verifier.verify(id: Self.id, timestamp: Self.timestamp, signatureHeader: "", body: Self.body)
        }
        #expect(throws: WebhookError.headersMalformed) {
            try verifier.verify(id: Self.id, timestamp: "16142653.30", signatureHeader: Self.signature, body: Self.body)
        }
        #expect(throws: WebhookError.headersMalformed) {
            try verifier.verify(
                id: Self.id, timestamp: Self.timestamp, signatureHeader: "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                body: Self.body)
        }
        // The delivery id is stored to recognise repeats: it must fit its column and hold no NUL.
        for id in [String(repeating: "m", count: 256), "msg_\u{0}1"] {
            #expect(throws: WebhookError.headersMalformed) {
                try verifier.verify(id: id, timestamp: Self.timestamp, signatureHeader: Self.signature, body: Self.body)
            }
        }
    }

    @Test func refusesAnUnusableSecret() {
        #expect(throws: WebhookError.secretInvalid) { try SvixVerifier(secret: "whsec_", clock: .system) }
        #expect(throws: WebhookError.secretInvalid) { try SvixVerifier(secret: "whsec_!!!", clock: .system) }
    }

    @Test func mapsToAppErrors() {
        #expect(WebhookError.signatureInvalid.appError.kind == .unauthorized)
        #expect(WebhookError.payloadInvalid.appError.kind == .badRequest)
    }
}
