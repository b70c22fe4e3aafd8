import Foundation

/// The `alg` and `kid` of a compact JWT, read before any key is chosen. jwt-kit does not tie a
/// token's `alg` to the key that verifies it and falls back to a default key for an unknown
/// `kid`, so each verifier reads both itself and refuses what it does not expect.
struct JWTHeaderPeek: Sendable, Equatable {
    var algorithm: String
    var keyID: String?

    /// Longest token looked at. Clerk session tokens are around 1 KB; the limit only keeps a
    /// hostile multi-megabyte header from being decoded at all.
    static let maximumTokenLength = 16 * 1024

    init(token: String) throws(AuthError) {
        guard token.utf8.count <= Self.maximumTokenLength else { throw .malformedToken }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        // The signature may be empty (`alg: none`); such tokens are refused by `alg`, later.
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty,
            let headerBytes = Base64URL.decode(parts[0]),
            let header = try? JSONDecoder().decode(Fields.self, from: Data(headerBytes)),  // ok: any failure is malformedToken below
            let algorithm = header.alg
        else { throw .malformedToken }
        self.algorithm = algorithm
        self.keyID = header.kid
    }

    /// Only the two fields we need; anything else in the header (`typ`, Clerk's `cat`) is ignored.
    private struct Fields: Decodable {
        var alg: String?
        var kid: String?
    }
}
