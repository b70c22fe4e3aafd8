/// Why a sign-in token was refused: a stable machine-readable `code` and a `message` a person
/// understands. The server answers every one of them with 401, except those marked
/// `isUnavailable` (the signing keys could not be fetched), which are our problem, not the
/// caller's, and answer 503.
public struct AuthError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable and snake_case (`token_expired`): clients and logs may rely on it.
    public let code: String
    /// For the person signing in; never contains the token or key material.
    public let message: String
    /// True when the token could not be checked at all because a dependency is down; retrying
    /// later may succeed with the very same token.
    public let isUnavailable: Bool

    public init(code: String, message: String, isUnavailable: Bool = false) {
        self.code = code
        self.message = message
        self.isUnavailable = isUnavailable
    }

    public var description: String { "\(code): \(message)" }
}

extension AuthError {
    /// No token in the request at all.
    public static let missingToken = AuthError(
        code: "missing_token", message: "Sign in to continue: the request carries no session token.")

    /// Not three base64url parts with a JSON header and payload.
    public static let malformedToken = AuthError(
        code: "token_malformed", message: "The session token is not a well-formed JWT.")

    /// Signed with an algorithm this verifier refuses (for example `none`, or HS256 presented to
    /// the Clerk verifier, the classic algorithm-confusion attack).
    public static let algorithmNotAllowed = AuthError(
        code: "token_algorithm_not_allowed",
        message: "The session token is signed with an algorithm this server does not accept.")

    /// The signature does not match the key named by the token.
    public static let badSignature = AuthError(
        code: "token_signature_invalid", message: "The session token's signature is not valid.")

    /// `exp` has passed (beyond the allowed clock skew).
    public static let expired = AuthError(
        code: "token_expired", message: "The session token has expired; sign in again.")

    /// `nbf` or `iat` lies in the future (beyond the allowed clock skew).
    public static let notYetValid = AuthError(
        code: "token_not_yet_valid",
        message: "The session token is not valid yet; check that the device's clock is right.")

    /// `iss` is not the configured issuer.
    public static let wrongIssuer = AuthError(
        code: "token_issuer_invalid",
        message: "The session token was not issued by this application's sign-in service.")

    /// `azp` is missing or not one of the configured authorized parties.
    public static let unauthorizedParty = AuthError(
        code: "token_party_not_authorized",
        message: "The session token was issued to a site this server does not serve.")

    /// Clerk's `sts` claim says the session is still pending (for example an organisation must
    /// be chosen first); such a session must not reach the API yet.
    public static let pendingSession = AuthError(
        code: "session_pending", message: "The sign-in is not finished yet; complete it and try again.")

    /// A required claim (`sub`, `exp`, or for local tokens `role`) is missing or unusable.
    public static let invalidClaims = AuthError(
        code: "token_claims_invalid", message: "The session token is missing required information.")

    /// The token names a key id that is not in the key set, even after fetching it again.
    public static let unknownKeyID = AuthError(
        code: "token_key_unknown", message: "The session token is signed with a key this server does not know.")

    /// The signing keys could not be fetched, so no token can be checked right now.
    public static let jwksUnavailable = AuthError(
        code: "auth_keys_unavailable", message: "Sign-in cannot be checked right now; please try again shortly.",
        isUnavailable: true)
}
