import Foundation

/// Finds the session token in a request the way Clerk's SDKs do: the `Authorization: Bearer`
/// header (cross-origin calls), else the `__session` cookie (same-origin calls).
public enum SessionTokenExtractor {
    /// - Parameters:
    ///   - authorization: The `Authorization` header value, if any.
    ///   - cookie: The `Cookie` header value, if any.
    /// - Returns: The bare token, or `nil` when neither place has one.
    public static func token(authorization: String?, cookie: String?) -> String? {
        find(authorization: authorization, cookie: cookie)?.token
    }

    /// Where a token was found: a cookie is sent by the browser on its own, so writes
    /// authenticated by it need the cross-site checks a Bearer header does not.
    public enum Source: Sendable, Equatable {
        case bearer, cookie
    }

    /// The bare token and where it came from, or `nil` when neither place has one.
    public static func find(authorization: String?, cookie: String?) -> (token: String, source: Source)? {
        if let authorization {
            let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            // The scheme is case-insensitive (RFC 9110 §11.1).
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                let token = parts[1].trimmingCharacters(in: .whitespaces)
                if !token.isEmpty { return (token, .bearer) }
            }
        }
        guard let cookie else { return nil }
        for pair in cookie.split(separator: ";") {
            let nameAndValue = pair.split(separator: "=", maxSplits: 1)
            guard nameAndValue.count == 2, nameAndValue[0].trimmingCharacters(in: .whitespaces) == "__session" else {
                continue
            }
            let token = nameAndValue[1].trimmingCharacters(in: .whitespaces)
            if !token.isEmpty { return (token, .cookie) }
        }
        return nil
    }
}
