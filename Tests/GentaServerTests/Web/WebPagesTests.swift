import Foundation
import GentaCore
@testable import GentaServer
import GentaTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// A browser's view of the pages: a cookie jar and form posts over the in-process client.
struct Browser: Sendable {
    let app: PracticeHarness
    var cookie = ""

    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let html: String

        /// The value of the hidden or named input `name`, first on the page.
        func field(_ name: String) -> String? {
            guard let match = html.firstMatch(of: try! Regex("name=\"\(name)\" value=\"([^\"]*)\"")) else { return nil }
            return match.output[1].substring.map(String.init)
        }
    }

    mutating func get(_ path: String) async throws -> Page {
        try await send(.get, path, form: nil)
    }

    mutating func post(_ path: String, _ form: [(String, String)]) async throws -> Page {
        let body = form.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return try await send(.post, path, form: body)
    }

    private mutating func send(_ method: HTTPRequest.Method, _ path: String, form: String?) async throws -> Page {
        var headers = HTTPFields()
        if !cookie.isEmpty { headers[.cookie] = cookie }
        if form != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let page = try await app.client.execute(uri: path, method: method, headers: headers, body: form.map { ByteBuffer(string: $0) }) {
            Page(status: $0.status, headers: $0.headers, html: String(buffer: $0.body))
        }
        for setCookie in page.headers[values: .setCookie] {
            let pair = String(setCookie.split(separator: ";")[0])
            let name = pair.split(separator: "=")[0]
            var jar = cookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.hasPrefix("\(name)=") && !$0.isEmpty }
            if !pair.hasSuffix("=") { jar.append(pair) }
            cookie = jar.joined(separator: "; ")
        }
        return page
    }
}

@Suite("Web pages")
struct WebPagesTests {
    @Test("every template parses and every asset is served under its hashed name, cached for good")
    func templatesAndAssets() async throws {
        let assets = WebAssets.load()
        #expect(WebPages.load(assets: assets).problems.isEmpty)
        let css = try #require(assets.paths["app.css"])
        #expect(css.wholeMatch(of: /\/assets\/app\.[0-9a-f]{8}\.css/) != nil)
        try await PracticeHarness.run(.sqlite, demoBank: false) { app in
            var browser = Browser(app: app)
            let page = try await browser.get(css)
            #expect(page.status == .ok)
            #expect(page.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(try await browser.get("/assets/app.00000000.css").status == .notFound)
        }
    }

    @Test("sign in, onboard, see the dashboard, practise by forms; CSRF, cookies and headers hold", arguments: TestDatabaseKind.allCases)
    func studentFlow(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            var browser = Browser(app: app)
            let front = try await browser.get("/")
            #expect(front.status == .ok)
            #expect(front.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(front.headers[.contentSecurityPolicy]?.contains("unsafe-inline") == false)
            #expect(front.headers[.contentSecurityPolicy]?.contains("frame-src 'none'") == true, "no payments configured, no frames")
            #expect(try await browser.get("/dasbor").headers[.location] == "/masuk?lanjut=%2Fdasbor")

            let signedIn = try await browser.post("/masuk", [("email", "Siti@Example.com"), ("name", "Siti")])
            #expect(signedIn.status == .seeOther)
            let setCookie = try #require(signedIn.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax") && setCookie.contains("Path=/"))
            #expect(try await browser.get("/dasbor").headers[.location] == "/onboarding")

            let onboarding = try await browser.get("/onboarding")
            let csrf = try #require(onboarding.field("csrf"))
            let refused = try await browser.post("/onboarding", [("csrf", "forged"), ("target_ptn", "UI"), ("target_score", "650"),
                ("exam_date", "2027-05-01"), ("study_hours_per_week", "10")])
            #expect(refused.status == .forbidden)
            #expect(refused.html.contains("<h1>"), "errors are pages, not JSON")
            let tooLow = try await browser.post("/onboarding", [("csrf", csrf), ("target_ptn", "UI"), ("target_score", "100"),
                ("exam_date", "2027-05-01"), ("study_hours_per_week", "10")])
            #expect(tooLow.status == .unprocessableContent, "the API's own goal rules")
            let saved = try await browser.post("/onboarding", [("csrf", csrf), ("target_ptn", "Universitas Indonesia"),
                ("target_score", "650"), ("exam_date", "2027-05-01"), ("study_hours_per_week", "10")])
            #expect(saved.headers[.location] == "/dasbor")
            let dashboard = try await browser.get("/dasbor")
            #expect(dashboard.html.contains("Universitas Indonesia (650)"))
            #expect(dashboard.html.contains("<svg"))
            #expect(dashboard.html.components(separatedBy: "<th scope=\"row\">").count == Section.allCases.count + 1)

            // A question whose text holds markup shows it as text.
            try await app.database.withConnection { db in
                try await db.raw("UPDATE questions SET text = '<script>alert(1)</script> Berapakah x^2?' WHERE section = 'PK'").run()
            }
            let started = try await browser.post("/latihan", [("csrf", csrf), ("section", "PK")])
            let sessionPath = try #require(started.headers[.location])
            let question = try await browser.get(sessionPath)
            #expect(question.status == .ok)
            #expect(!question.html.contains("<script>"))
            #expect(question.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(question.html.contains("<math><msup><mi>x</mi><mn>2</mn></msup></math>"))
            let form: [(String, String)] = [
                ("csrf", csrf), ("question_id", try #require(question.field("question_id"))),
                ("key", try #require(question.field("key"))), ("started", try #require(question.field("started"))), ("choice", "A"),
            ]
            let result = try await browser.post(sessionPath + "/jawab", form)
            #expect(result.status == .ok)
            #expect(result.html.contains("Kunci jawaban"))
            #expect(try await browser.post(sessionPath + "/jawab", form).status == .ok, "the same page posted twice is one answer")
            let attempts = try await app.database.withConnection { db in
                try await db.raw("SELECT COUNT(*) AS n FROM attempts").first()?.decode(column: "n", as: Int.self)
            }
            #expect(attempts == 1)

            let history = try await browser.get("/riwayat")
            #expect(history.html.components(separatedBy: "<li class=\"entry").count == 2, "one answer in the history")
            #expect(!history.html.contains("<script>alert"), "the history escapes question text too")
            let mistakes = try await browser.get("/riwayat?salah=1&subtes=PU")
            #expect(mistakes.status == .ok && mistakes.html.contains("Belum ada jawaban"))
            #expect(try await browser.get("/riwayat?subtes=XX").status == .badRequest)

            let english = try await browser.get("/dasbor?lang=en")
            #expect(english.html.contains("Your readiness per subtest"))
            let signedOut = try await browser.post("/keluar", [("csrf", csrf)])
            #expect(signedOut.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await browser.get("/dasbor").headers[.location] == "/masuk?lanjut=%2Fdasbor")
        }
    }

    @Test("empty text counts as absent in the templates, at any depth")
    func emptyTextIsAbsent() throws {
        let values = try #require(WebPages.withoutEmptyText(["a": "", "b": "x", "c": [["d": "", "e": 1]], "f": false] as [String: Any]) as? [String: Any])
        #expect(values["a"] == nil && values["b"] as? String == "x" && values["f"] as? Bool == false)
        #expect(((values["c"] as? [Any])?.first as? [String: Any])?.keys.sorted() == ["e"])
    }

    @Test("mathematics becomes MathML only from escaped text")
    func mathText() {
        #expect(MathText.html("x^2 + y^(n-1)") == "<math><msup><mi>x</mi><mn>2</mn></msup></math> + <math><msup><mi>y</mi><mi>n-1</mi></msup></math>")
        #expect(MathText.html("√(x+1) dan sqrt(9)") == "<math><msqrt><mi>x+1</mi></msqrt></math> dan <math><msqrt><mn>9</mn></msqrt></math>")
        #expect(MathText.html("<b>a</b>^2 & \"q\"") == "&lt;b&gt;a&lt;/b&gt;^2 &amp; &quot;q&quot;")
        #expect(MathText.html("2^<script>") == "2^&lt;script&gt;")
        #expect(MathText.html("α^2") == "<math><msup><mi>α</mi><mn>2</mn></msup></math>")
        #expect(MathText.html("&amp;^2") == "&amp;amp;^2", "an entity is never split into MathML")
        #expect(MathText.html("peluang 1/6, lalu (a+b)/(a−b)") ==
            "peluang <math><mfrac><mn>1</mn><mn>6</mn></mfrac></math>, lalu <math><mfrac><mi>a+b</mi><mi>a−b</mi></mfrac></math>")
        #expect(MathText.html("−3/2 dan 2,5/10") == "−<math><mfrac><mn>3</mn><mn>2</mn></mfrac></math> dan <math><mfrac><mn>2,5</mn><mn>10</mn></mfrac></math>")
        #expect(MathText.html("'3/4'").hasPrefix("&#39;<math><mfrac>"), "the entity before it stays whole")
        for text in ["60 km/jam", "12/05/2027", "CG/AG", "x/2", "0.5/"] {
            #expect(!MathText.html(text).contains("mfrac"), "\(text) stays text")
        }
    }
}
