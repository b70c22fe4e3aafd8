import Hummingbird

/// Reading and writing the pages' cookies.
enum WebCookies {
    /// The value of the first cookie named `name`, if any.
    static func value(_ name: String, in request: Request) -> String? {
        guard let header = request.headers[.cookie] else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == name, !parts[1].isEmpty { return parts[1] }
        }
        return nil
    }

    /// A `Set-Cookie` value. The session cookie is `HttpOnly` (no script can read it) and
    /// `SameSite=Lax` (another site's form post does not carry it); `Secure` in production.
    static func header(_ name: String, _ value: String, maxAge: Int, httpOnly: Bool = true, secure: Bool) -> String {
        var parts = ["\(name)=\(value)", "Path=/", "Max-Age=\(maxAge)", "SameSite=Lax"]
        if httpOnly { parts.append("HttpOnly") }
        if secure { parts.append("Secure") }
        return parts.joined(separator: "; ")
    }
}
