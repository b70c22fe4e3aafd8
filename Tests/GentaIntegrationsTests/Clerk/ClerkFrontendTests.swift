import Foundation
import GentaIntegrations
import Testing

@Suite("Clerk's front end")
struct ClerkFrontendTests {
    static func key(_ host: String, live: Bool = false) -> String {
        (live ? "pk_live_" : "pk_test_") + Data("\(host)$".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    @Test("the publishable key names the Frontend API host, which serves the script by default")
    func publishableKey() throws {
        let frontend = try ClerkFrontend(publishableKey: Self.key("clerk.genta.id", live: true))
        #expect(frontend.frontendAPIHost == "clerk.genta.id")
        #expect(frontend.scriptURL == "https://clerk.genta.id/npm/@clerk/clerk-js@5/dist/clerk.browser.js")
        #expect(frontend.origins == ["https://clerk.genta.id"])
        let padded = try ClerkFrontend(publishableKey: "pk_test_" + Data("a.clerk.accounts.dev$".utf8).base64EncodedString())
        #expect(padded.frontendAPIHost == "a.clerk.accounts.dev", "padding or none")
    }

    @Test("a configured script URL adds its origin")
    func scriptURL() throws {
        let frontend = try ClerkFrontend(publishableKey: Self.key("127.0.0.1:9911"), scriptURL: "http://127.0.0.1:9911/clerk.js")
        #expect(frontend.origins == ["https://127.0.0.1:9911", "http://127.0.0.1:9911"])
        #expect(throws: ClerkFrontend.Problem.badScriptURL) { try ClerkFrontend(publishableKey: Self.key("a.dev"), scriptURL: "ftp://x/y") }
    }

    @Test("anything else is not a publishable key", arguments: [
        "", "sk_test_abc", "pk_test_", "pk_test_%%%", "pk_test_" + Data("no-dollar".utf8).base64EncodedString(),
        "pk_test_" + Data("evil.dev\" onload=x$".utf8).base64EncodedString(), "pk_test_" + Data("$".utf8).base64EncodedString(),
        "pk_test_" + String(repeating: "A", count: 300),
    ])
    func refused(_ key: String) {
        #expect(throws: ClerkFrontend.Problem.notAPublishableKey) { try ClerkFrontend(publishableKey: key) }
    }
}
