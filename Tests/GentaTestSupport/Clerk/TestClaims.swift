import JWTKit

/// Arbitrary claims for signing test tokens: JSON values by name, so a test can leave a claim
/// out, give it the wrong type, or add ones the verifier must ignore.
public struct TestClaims: JWTPayload {
    public var fields: [String: JWTHeaderField]

    public init(_ fields: [String: JWTHeaderField]) {
        self.fields = fields
    }

    public init(from decoder: any Decoder) throws {
        fields = try decoder.singleValueContainer().decode([String: JWTHeaderField].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(fields)
    }

    public func verify(using _: some JWTAlgorithm) async throws {}
}
