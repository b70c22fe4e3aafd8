import JWTKit

/// The HS256 key collection for a local secret. Built per call: it is an HMAC key and an actor
/// allocation, cheaper than sharing an actor across every request.
enum LocalAuthKeys {
    /// Shorter secrets are refused: HS256 wants at least its 256-bit output length (RFC 7518 §3.2).
    static let minimumSecretLength = 32

    static func collection(secret: [UInt8]) async -> JWTKeyCollection {
        await JWTKeyCollection().add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
    }
}
