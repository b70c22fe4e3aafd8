import Foundation
import GentaIntegrations
import Hummingbird
import Logging
import Mustache

/// Renders the pages from the Mustache templates in the binary's resources. `{{value}}` escapes
/// HTML, so question text, passages and model output are always text on the page; the few
/// places that insert markup (`{{{…}}}`) insert only what `MathText` and `ScoreChart` built
/// from escaped text.
struct WebPages: Sendable {
    let library: MustacheLibrary
    let assets: WebAssets
    /// The header, with the payment page's origin allowed as a frame and a form target.
    var contentSecurityPolicy = Self.policy(paymentOrigins: [], clerk: nil)
    /// Clerk's sign-in: its script is on every page, since it renews the minute-long session
    /// cookie while a page is open.
    var clerk: ClerkFrontend?
    /// Templates that could not be read or parsed: a bug of this build, which the page tests
    /// catch (`problems` must be empty); such a page renders as a short apology.
    let problems: [String]

    /// Loads every template once.
    static func load(assets: WebAssets) -> WebPages {
        var library = MustacheLibrary()
        var problems: [String] = []
        guard let folder = Bundle.module.url(forResource: "web/templates", withExtension: nil),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)  // ok: reported as a problem below
        else { return WebPages(library: library, assets: assets, problems: ["no web/templates folder in the resources"]) }
        for name in names.sorted() where name.hasSuffix(".mustache") {
            do {
                let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            } catch {
                problems.append("\(name): \(error)")
            }
        }
        return WebPages(library: library, assets: assets, problems: problems)
    }

    /// Frames and forms (a checkout redirects to Snap) may go to the payment page's origin;
    /// nothing else leaves the site, and no inline script runs. With Clerk, its script and
    /// Frontend API, its images, its bot check (Cloudflare Turnstile) and the inline styles
    /// its components inject — styles only: scripts stay without `unsafe-inline`.
    static func policy(paymentOrigins: [String], clerk: ClerkFrontend?) -> String {
        func sources(_ base: [String], _ extra: [String]) -> String { (base + extra).joined(separator: " ") }
        let turnstile = "https://challenges.cloudflare.com"
        let clerkScripts: [String] = clerk.map { $0.origins + [turnstile] } ?? []
        let clerkOrigins: [String] = clerk?.origins ?? []
        let withClerk = clerk != nil
        let frames: [String] = paymentOrigins + (withClerk ? [turnstile] : [])
        let directives: [String] = [
            "default-src 'self'",
            "script-src " + sources(["'self'"], clerkScripts),
            "style-src " + sources(["'self'"], withClerk ? ["'unsafe-inline'"] : []),
            "img-src " + sources(["'self'", "data:"], withClerk ? ["https://img.clerk.com"] : []),
            "connect-src " + sources(["'self'"], clerkOrigins),
            "worker-src " + sources(["'self'"], withClerk ? ["blob:"] : []),
            "frame-src " + (frames.isEmpty ? "'none'" : sources([], frames)),
            "form-action " + sources(["'self'"], paymentOrigins),
            "base-uri 'none'", "object-src 'none'", "frame-ancestors 'none'",
        ]
        return directives.joined(separator: "; ")
    }

    /// `https://app.midtrans.com` of `https://app.midtrans.com/snap/v1`.
    static func origin(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host else { return nil }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }

    /// The page `template` with `values`, inside the layout, as an HTML response.
    func render(
        _ template: String, _ values: [String: Any], page: PageFrame, status: HTTPResponse.Status = .ok
    ) -> Response {
        var context = values
        context["t"] = page.language.text
        context["lang"] = page.language.rawValue
        context["other_lang"] = page.language == .id ? "en" : "id"
        context["signed_in"] = page.signedIn
        context["csrf"] = page.csrf ?? ""
        context["css"] = assets.paths["app.css"] ?? ""
        context["js"] = assets.paths["app.js"] ?? ""
        context["favicon"] = assets.paths["favicon.svg"] ?? ""
        if let clerk { context["clerk"] = ["script": clerk.scriptURL, "key": clerk.publishableKey] }
        let html = library.render(Self.withoutEmptyText(context) ?? [:], withTemplate: template)
            ?? "<!doctype html><title>Genta</title><p>This page could not be shown.</p>"
        return Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .contentSecurityPolicy: contentSecurityPolicy, .init("Referrer-Policy")!: "same-origin",
                .init("X-Frame-Options")!: "DENY",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

extension WebPages {
    /// The values with every empty text left out. Mustache counts an empty string as present, so
    /// `{{#tip}}…{{/tip}}` would show its heading with nothing under it; absent, it is skipped.
    static func withoutEmptyText(_ value: Any) -> Any? {
        switch value {
        case let text as String: text.isEmpty ? nil : text
        case let values as [String: Any]: values.compactMapValues(withoutEmptyText)
        case let list as [Any]: list.compactMap(withoutEmptyText)
        default: value
        }
    }
}

/// What every page needs to know about its request.
struct PageFrame: Sendable {
    var language: WebLanguage
    var signedIn: Bool
    /// The token forms must send back (signed-in pages only).
    var csrf: String?
}
