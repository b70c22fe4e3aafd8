import Foundation

/// What the pages need to sign students in with Clerk's own front end: the publishable key
/// (`pk_test_…` / `pk_live_…`, public by design) and where Clerk's browser script comes from.
///
/// The key's tail is the base64 of the instance's Frontend API host followed by `$`
/// (`pk_test_` + base64("example.clerk.accounts.dev$")); the script is served by that host
/// unless another URL is configured (a self-hosted copy, or a stand-in in tests).
public struct ClerkFrontend: Sendable, Equatable {
    public let publishableKey: String
    /// The Frontend API host, e.g. `clerk.genta.id`.
    public let frontendAPIHost: String
    /// Clerk's browser bundle.
    public let scriptURL: String

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case notAPublishableKey
        case badScriptURL

        public var description: String {
            switch self {
            case .notAPublishableKey: "is not a Clerk publishable key (pk_test_… or pk_live_… from the Clerk dashboard)"
            case .badScriptURL: "must be an http(s) URL of Clerk's browser script"
            }
        }
    }

    public init(publishableKey: String, scriptURL: String? = nil) throws(Problem) {
        guard let host = Self.frontendAPIHost(of: publishableKey) else { throw .notAPublishableKey }
        let script = scriptURL ?? "https://\(host)/npm/@clerk/clerk-js@5/dist/clerk.browser.js"
        guard let components = URLComponents(string: script), ["http", "https"].contains(components.scheme ?? ""),
            components.host?.isEmpty == false
        else { throw .badScriptURL }
        self.publishableKey = publishableKey
        self.frontendAPIHost = host
        self.scriptURL = script
    }

    /// The origins the pages' Content-Security-Policy must allow: the script's and the
    /// Frontend API's (the script talks to it).
    public var origins: [String] {
        var origins = ["https://\(frontendAPIHost)"]
        if let components = URLComponents(string: scriptURL), let scheme = components.scheme, let host = components.host {
            let origin = "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
            if !origins.contains(origin) { origins.append(origin) }
        }
        return origins
    }

    /// The host a publishable key names; nil when `key` is not one. Only host characters are
    /// accepted, since the host ends up in a header and a URL.
    static func frontendAPIHost(of key: String) -> String? {
        let prefixes = ["pk_test_", "pk_live_"]
        guard let prefix = prefixes.first(where: key.hasPrefix), key.utf8.count <= 200 else { return nil }
        var encoded = String(key.dropFirst(prefix.count))
        while encoded.utf8.count % 4 != 0 { encoded += "=" }
        guard let data = Data(base64Encoded: encoded), let decoded = String(data: data, encoding: .utf8), decoded.hasSuffix("$")
        else { return nil }
        let host = String(decoded.dropLast())
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:")
        guard !host.isEmpty, host.unicodeScalars.allSatisfy(allowed.contains), !host.hasPrefix("."), !host.hasPrefix("-") else { return nil }
        return host
    }
}
