import JWTKit

/// Arbitrary claims for signing test tokens: JSON values by name, so a test can leave a claim
/// out, give it the wrong type, or add ones the verifier must ignore.
struct TestClaims: JWTPayload {
    var fields: [String: JWTHeaderField]

    init(_ fields: [String: JWTHeaderField]) {
        self.fields = fields
    }

    init(from decoder: any Decoder) throws {
        fields = try decoder.singleValueContainer().decode([String: JWTHeaderField].self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(fields)
    }

    func verify(using _: some JWTAlgorithm) async throws {}
}
