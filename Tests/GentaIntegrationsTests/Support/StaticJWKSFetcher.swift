import GentaIntegrations

/// Serves a fixed JWKS document from memory, for tests about parsing rather than HTTP.
struct StaticJWKSFetcher: JWKSFetching {
    var document: [UInt8]

    func fetchJWKS() async throws(AuthError) -> [UInt8] {
        document
    }
}
