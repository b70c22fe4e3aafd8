import Crypto
import Foundation
import GentaCore

/// Checks that a webhook really comes from Svix (which delivers Clerk's webhooks): an
/// HMAC-SHA256 of `{svix-id}.{svix-timestamp}.{body}` under the endpoint's secret, sent
/// base64 as one of the space-separated `v1,<signature>` entries of `svix-signature`.
/// Several entries appear while a secret is being rotated; any one matching is enough.
public struct SvixVerifier: Sendable {
    private let key: SymmetricKey
    private let tolerance: TimeInterval
    private let clock: WallClock

    /// - Parameters:
    ///   - secret: The endpoint's signing secret, `whsec_<base64>` (the prefix may be omitted).
    ///   - tolerance: How far the timestamp may be from now either way; bounds replays.
    ///   - clock: Decides "now".
    public init(secret: String, tolerance: Duration = .seconds(300), clock: WallClock) throws(WebhookError) {
        let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst("whsec_".count)) : secret
        guard let bytes = Data(base64Encoded: encoded), !bytes.isEmpty else { throw .secretInvalid }
        self.key = SymmetricKey(data: bytes)
        self.tolerance = tolerance.timeInterval
        self.clock = clock
    }

    /// Accepts the delivery or says why not. Pass the headers as received (`nil` when absent)
    /// and the body's raw bytes, exactly as they arrived: re-encoded JSON would not match.
    public func verify(id: String?, timestamp: String?, signatureHeader: String?, body: [UInt8]) throws(WebhookError) {
        guard let id, !id.isEmpty, let timestamp, !timestamp.isEmpty, let signatureHeader, !signatureHeader.isEmpty
        else { throw .headersMissing }
        // The id is kept (webhook_deliveries.id, VARCHAR(255)) to recognise repeats.
        guard case .success = DatabaseText.checked(id, maximum: 255) else { throw .headersMalformed }
        guard timestamp.allSatisfy(\.isASCII), timestamp.allSatisfy(\.isNumber), let seconds = Int64(timestamp) else {
            throw .headersMalformed
        }
        guard abs(clock.now().timeIntervalSince1970 - TimeInterval(seconds)) <= tolerance else {
            throw .timestampOutOfRange
        }
        let candidates = signatureHeader.split(separator: " ").compactMap { entry -> Substring? in
            // Other versions (`v1a,` for asymmetric signatures) are not ours to check.
            entry.hasPrefix("v1,") ? entry.dropFirst(3) : nil
        }
        guard !candidates.isEmpty else { throw .headersMalformed }
        let expected = HMAC<SHA256>.authenticationCode(for: Array("\(id).\(timestamp).".utf8) + body, using: key)
        for candidate in candidates {
            // `==` between a MAC and bytes is swift-crypto's constant-time comparison.
            if let signature = Data(base64Encoded: String(candidate)), expected == signature {
                return
            }
        }
        throw .signatureInvalid
    }
}
