import CryptoExtras
import Foundation
import JWTKit

/// An RSA key pair generated for the test run, standing in for one of Clerk's instance keys:
/// it signs tokens and publishes itself as a JWKS entry.
public struct RSATestKey: Sendable {
    public let kid: String
    public let privateKey: JWTKit.Insecure.RSA.PrivateKey

    public init(kid: String) throws {
        self.kid = kid
        self.privateKey = try JWTKit.Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
    }

    /// Generated once per test process: RSA key generation is the slowest thing these tests do.
    public static let primary = try! RSATestKey(kid: "ins_primary")
    public static let rotated = try! RSATestKey(kid: "ins_rotated")

    /// The public half as a JWKS entry, in the shape Clerk publishes.
    public var jwk: [String: String] {
        let (modulus, exponent) = try! privateKey.publicKey.getKeyPrimitives()
        return [
            "use": "sig", "kty": "RSA", "kid": kid, "alg": "RS256",
            "n": base64URL(modulus), "e": base64URL(exponent),
        ]
    }

    /// Signs `claims` with RS256; `header` adds fields (Clerk sends `cat`) or overrides `kid`.
    public func sign(_ claims: [String: JWTHeaderField], header: [String: JWTHeaderField] = [:]) async throws -> String {
        // Added as the default key without a kid: jwt-kit then signs with it whatever kid the
        // header names, which lets a test send a kid that does not match the key.
        let keys = JWTKeyCollection()
        await keys.add(rsa: privateKey, digestAlgorithm: .sha256)
        var fullHeader = JWTHeader(fields: ["kid": .string(kid), "cat": "cl_B7d4PD111AAA"])
        for (name, value) in header { fullHeader.fields[name] = value }
        return try await keys.sign(TestClaims(claims), header: fullHeader)
    }
}

/// A JWKS document holding `keys`.
public func jwksDocument(_ keys: [RSATestKey], extraEntries: [[String: String]] = []) -> [UInt8] {
    let entries = keys.map(\.jwk) + extraEntries
    return Array(try! JSONSerialization.data(withJSONObject: ["keys": entries], options: [.sortedKeys]))
}

public func base64URL(_ bytes: some DataProtocol) -> String {
    Data(bytes).base64EncodedString()
        .replacingOccurrences(of: "+", with: "-")
        .replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}
