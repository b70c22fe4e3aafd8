import Foundation
import GentaCore
import GentaIntegrations
@testable import GentaServer
import GentaTestSupport
import HTTPTypes
import Testing

@Suite("Web pages: Clerk sign-in")
struct WebClerkTests {
    /// Clerk renews the session token every minute under the same session id: two tokens here.
    struct RenewingTokens: TokenVerifier {
        func verify(_ token: String) async throws(AuthError) -> VerifiedIdentity {
            guard ["token-minute-1", "token-minute-2"].contains(token) else { throw AuthError.malformedToken }
            return VerifiedIdentity(subject: "user_2abc", email: "nadia@example.com", sessionID: "sess_2xyz")
        }
    }

    static let frontend = try! ClerkFrontend(publishableKey: "pk_test_" + Data("genta-test.clerk.accounts.dev$".utf8).base64EncodedString())

    @Test("Clerk's script on every page, allowed by the policy; its sign-in mounted; no development sign-in; forms survive a token renewal")
    func clerkMode() async throws {
        try await PracticeHarness.run(.sqlite, tokenVerifier: { _ in RenewingTokens() }, clerkFrontend: Self.frontend) { app in
            var browser = Browser(app: app)
            let signIn = try await browser.get("/masuk?lanjut=%2Ftryout")
            #expect(signIn.html.contains(
                "src=\"https://genta-test.clerk.accounts.dev/npm/@clerk/clerk-js@5/dist/clerk.browser.js\" data-clerk-publishable-key=\"\(Self.frontend.publishableKey)\""))
            #expect(signIn.html.contains("id=\"clerk-sign-in\" data-next=\"/tryout\""))
            #expect(!signIn.html.contains("name=\"email\""), "no development sign-in with Clerk")
            let policy = try #require(signIn.headers[.contentSecurityPolicy])
            #expect(policy.contains("script-src 'self' https://genta-test.clerk.accounts.dev https://challenges.cloudflare.com;"))
            #expect(policy.contains("connect-src 'self' https://genta-test.clerk.accounts.dev;"))
            #expect(!policy.contains("script-src 'self' 'unsafe-inline'") && !policy.contains("'unsafe-eval'"))
            #expect(try await browser.post("/masuk", [("email", "x@example.com")]).status == .notFound)

            browser.cookie = "__session=token-minute-1"
            let onboarding = try await browser.get("/onboarding")
            let csrf = try #require(onboarding.field("csrf"))
            #expect(onboarding.html.contains("data-clerk-publishable-key"), "the script renews the cookie on every page")
            browser.cookie = "__session=token-minute-2"
            let saved = try await browser.post("/onboarding", [("csrf", csrf), ("target_ptn", "UNAIR"), ("target_score", "640"),
                ("exam_date", "2027-05-01"), ("study_hours_per_week", "8")])
            #expect(saved.headers[.location] == "/dasbor", "a form from the previous minute's token still posts")
            #expect(try await browser.get("/masuk?lanjut=%2Fprofil").headers[.location] == "/profil", "signed in: straight back")
        }
    }

    @Test("where to go after signing in is always a path on this site")
    func localPaths() {
        #expect(WebForm.localPath("/latihan?x=1") == "/latihan?x=1")
        for hostile in ["//evil.example/", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "/a\nb", "", nil] {
            #expect(WebForm.localPath(hostile) == "/dasbor", "\(hostile ?? "nil")")
        }
    }

    @Test("a page that needs an account sends a signed-out visitor to sign in and back")
    func signInAndBack() async throws {
        try await PracticeHarness.run(.sqlite) { app in
            var browser = Browser(app: app)
            let redirect = try await browser.get("/riwayat?salah=1")
            #expect(redirect.headers[.location] == "/masuk?lanjut=%2Friwayat%3Fsalah%3D1")
            let page = try await browser.get(try #require(redirect.headers[.location]))
            #expect(page.html.contains("name=\"lanjut\" value=\"/riwayat?salah=1\""))
            let signedIn = try await browser.post("/masuk", [("email", "eko@example.com"), ("lanjut", "/riwayat?salah=1")])
            #expect(signedIn.headers[.location] == "/riwayat?salah=1")
            let hostile = try await browser.post("/masuk", [("email", "eko@example.com"), ("lanjut", "//evil.example")])
            #expect(hostile.headers[.location] == "/dasbor")
        }
    }
}
