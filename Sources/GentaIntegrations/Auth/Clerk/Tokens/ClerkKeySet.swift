import Foundation
import JWTKit
import Logging

/// One fetched JWKS, ready to verify with: the RS256 signing keys by `kid`, and when they came.
struct ClerkKeySet: Sendable {
    let keys: JWTKeyCollection
    let keyIDs: Set<String>
    let fetchedAt: Date

    /// The key collection when it holds `kid`, else `nil`. Asking first matters: jwt-kit would
    /// quietly verify an unknown `kid` with its default key instead of saying it is unknown.
    func keys(for kid: String) -> JWTKeyCollection? {
        keyIDs.contains(kid) ? keys : nil
    }

    /// Reads a JWKS document, keeping only keys usable for RS256 signatures. One odd key (another
    /// type, an encryption key, a broken modulus) is skipped, not fatal, so Clerk adding a key
    /// type we do not use cannot lock everyone out; a document with no usable key at all is.
    static func parse(_ document: [UInt8], fetchedAt: Date, logger: Logger) async throws(AuthError) -> ClerkKeySet {
        guard let set = try? JSONDecoder().decode(Document.self, from: Data(document)) else {  // ok: reported as jwksUnavailable
            logger.warning("JWKS document is not a key set")
            throw .jwksUnavailable
        }
        let keys = JWTKeyCollection()
        var keyIDs: Set<String> = []
        for entry in set.keys {
            guard let jwk = entry.jwk, let kid = jwk.keyIdentifier?.string, entry.isRS256SigningKey else { continue }
            do {
                try await keys.add(jwk: jwk)
                keyIDs.insert(kid)
            } catch {
                logger.warning("Skipping unusable JWKS key", metadata: ["kid": "\(kid)", "error": "\(error)"])
            }
        }
        guard !keyIDs.isEmpty else {
            logger.warning("JWKS has no usable RS256 signing key")
            throw .jwksUnavailable
        }
        return ClerkKeySet(keys: keys, keyIDs: keyIDs, fetchedAt: fetchedAt)
    }

    private struct Document: Decodable {
        var keys: [Entry]
    }

    /// One `keys` element, decoded twice: as a jwt-kit `JWK` (which fails for key types it does
    /// not know) and for the `kty`/`alg`/`use` fields that decide whether we want it.
    private struct Entry: Decodable {
        var jwk: JWK?
        var kty: String?
        var alg: String?
        var use: String?

        var isRS256SigningKey: Bool {
            kty == "RSA" && (alg == nil || alg == "RS256") && (use == nil || use == "sig")
        }

        private enum CodingKeys: String, CodingKey { case kty, alg, use }

        init(from decoder: any Decoder) throws {
            // ok: an entry we cannot use is skipped (see above), never fatal for the whole set.
            jwk = try? JWK(from: decoder)  // ok: see above
            let fields = try? decoder.container(keyedBy: CodingKeys.self)  // ok: see above
            kty = try? fields?.decodeIfPresent(String.self, forKey: .kty)  // ok: see above
            alg = try? fields?.decodeIfPresent(String.self, forKey: .alg)  // ok: see above
            use = try? fields?.decodeIfPresent(String.self, forKey: .use)  // ok: see above
        }
    }
}
