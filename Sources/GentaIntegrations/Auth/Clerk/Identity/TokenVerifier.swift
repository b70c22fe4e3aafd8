/// Turns a bearer token into the identity it proves, or says why it proves nothing.
/// Implemented for Clerk session tokens (`ClerkTokenVerifier`) and for local-mode tokens
/// (`LocalTokenVerifier`), so the server's authentication middleware does not care which is in use.
public protocol TokenVerifier: Sendable {
    /// Verifies `token` (the bare JWT, without `Bearer `) and returns who it belongs to.
    func verify(_ token: String) async throws(AuthError) -> VerifiedIdentity
}
