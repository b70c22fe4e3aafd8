/// Downloads Clerk's JSON Web Key Set. A protocol so that tests can count or fake fetches;
/// production uses `HTTPJWKSFetcher`.
public protocol JWKSFetching: Sendable {
    /// The raw JWKS document (`{"keys":[…]}`). Any transport failure or non-2xx answer is
    /// `AuthError.jwksUnavailable`.
    func fetchJWKS() async throws(AuthError) -> [UInt8]
}
