import Foundation
import GentaIntegrations

/// How callers prove who they are.
public enum AuthConfiguration: Sendable, Equatable {
    /// Clerk session tokens (RS256, keys from the JWKS URL).
    case clerk(Clerk)
    /// HS256 tokens minted by `genta token` for the embedded default and local development.
    /// `secretPath` holds the key when `secret` is not given (created beside the SQLite file).
    case local(secret: [UInt8]?, secretPath: String)

    public struct Clerk: Sendable, Equatable {
        public var jwksURL: String
        public var issuer: String
        public var authorizedParties: Set<String>
        /// `whsec_…` secret of the Svix webhook endpoint; webhooks are refused without it.
        public var webhookSecret: String?
        /// Clerk's sign-in on the pages (CLERK_PUBLISHABLE_KEY); without it the pages cannot
        /// sign anyone in and say so, while the API works as before.
        public var frontend: ClerkFrontend?

        public init(
            jwksURL: String, issuer: String, authorizedParties: Set<String>, webhookSecret: String?, frontend: ClerkFrontend? = nil
        ) {
            self.jwksURL = jwksURL
            self.issuer = issuer
            self.authorizedParties = authorizedParties
            self.webhookSecret = webhookSecret
            self.frontend = frontend
        }
    }

    /// Clerk's sign-in for the pages, when configured.
    var clerkFrontend: ClerkFrontend? {
        if case .clerk(let clerk) = self { clerk.frontend } else { nil }
    }

    /// Reads GENTA_AUTH, CLERK_* and GENTA_LOCAL_AUTH_SECRET. Local mode is the default when no
    /// Clerk setting is given; production refuses it unless GENTA_ALLOW_LOCAL_AUTH=1.
    static func read(
        _ reader: EnvironmentReader, environment: AppConfiguration.Environment, defaultSecretPath: String
    ) throws(ConfigurationError) -> AuthConfiguration {
        let clerkGiven = reader.value("CLERK_JWKS_URL") != nil || reader.value("CLERK_ISSUER") != nil
        let mode = reader.value("GENTA_AUTH")?.lowercased() ?? (clerkGiven ? "clerk" : "local")
        switch mode {
        case "clerk":
            guard let jwks = reader.value("CLERK_JWKS_URL") else {
                throw ConfigurationError(variable: "CLERK_JWKS_URL", message: "is required with GENTA_AUTH=clerk (e.g. https://YOUR-APP.clerk.accounts.dev/.well-known/jwks.json)")
            }
            guard let url = URL(string: jwks), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ConfigurationError(variable: "CLERK_JWKS_URL", message: "must be an http(s) URL (got \"\(jwks)\")")
            }
            guard let issuer = reader.value("CLERK_ISSUER") else {
                throw ConfigurationError(variable: "CLERK_ISSUER", message: "is required with GENTA_AUTH=clerk (your Clerk Frontend API URL)")
            }
            let parties = Set((reader.value("CLERK_AUTHORIZED_PARTIES") ?? "").split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
            if environment == .production {
                guard url.scheme == "https" else {
                    throw ConfigurationError(variable: "CLERK_JWKS_URL", message: "must be an https URL with GENTA_ENV=production (got \"\(jwks)\")")
                }
                guard !parties.isEmpty else {
                    throw ConfigurationError(variable: "CLERK_AUTHORIZED_PARTIES",
                        message: "is required with GENTA_ENV=production: the origins of your front ends, e.g. https://app.example.com")
                }
            }
            var frontend: ClerkFrontend?
            if let key = reader.value("CLERK_PUBLISHABLE_KEY") {
                do {
                    frontend = try ClerkFrontend(publishableKey: key, scriptURL: reader.value("CLERK_JS_URL"))
                } catch .notAPublishableKey {
                    throw ConfigurationError(variable: "CLERK_PUBLISHABLE_KEY", message: ClerkFrontend.Problem.notAPublishableKey.description)
                } catch {
                    throw ConfigurationError(variable: "CLERK_JS_URL", message: "\(error) (got \"\(reader.value("CLERK_JS_URL") ?? "")\")")
                }
            }
            return .clerk(Clerk(jwksURL: jwks, issuer: issuer, authorizedParties: parties,
                webhookSecret: reader.value("CLERK_WEBHOOK_SECRET"), frontend: frontend))
        case "local":
            if environment == .production, try !reader.flag("GENTA_ALLOW_LOCAL_AUTH", default: false) {
                throw ConfigurationError(variable: "GENTA_AUTH",
                    message: "local tokens are refused with GENTA_ENV=production; configure Clerk (CLERK_JWKS_URL, CLERK_ISSUER) or set GENTA_ALLOW_LOCAL_AUTH=1")
            }
            var secret: [UInt8]?
            if let text = reader.value("GENTA_LOCAL_AUTH_SECRET") {
                guard text.utf8.count >= 32 else {
                    throw ConfigurationError(variable: "GENTA_LOCAL_AUTH_SECRET", message: "must be at least 32 characters")
                }
                secret = Array(text.utf8)
            }
            return .local(secret: secret, secretPath: defaultSecretPath)
        default:
            throw ConfigurationError(variable: "GENTA_AUTH", message: "must be clerk or local (got \"\(mode)\")")
        }
    }
}
