import Foundation
import GentaCore
import GentaIntegrations
import GentaStore
import Hummingbird

/// The front page, signing in and out, the language switch and onboarding (the goals, also
/// edited from the profile). They call the same queries as the API; no rule lives here twice.
struct WebController {
    let pages: WebPages
    /// Mints session tokens for the development sign-in; nil in Clerk mode.
    let localSignIn: LocalTokenIssuer?
    let users: UserQueries
    let clock: WallClock
    let secureCookies: Bool

    /// A session cookie lasts as long as a local token does.
    static let sessionSeconds = 30 * 24 * 3600

    static func frame(_ request: Request, _ context: GentaRequestContext) -> PageFrame {
        PageFrame(
            language: .of(request), signedIn: context.user != nil, csrf: context.csrfSeed.map(WebCSRF.token(for:)))
    }

    func addRoutes(to routes: Routes) {
        routes.get("") { request, context in
            if context.user != nil { return WebForm.redirect("/dasbor") }
            return pages.render("landing", [:], page: Self.frame(request, context))
        }
        routes.get("masuk") { request, context in
            let next = WebForm.localPath(request.uri.queryParameters["lanjut"].map(String.init))
            if context.user != nil { return WebForm.redirect(next) }
            return pages.render("signin", ["local": localSignIn != nil, "next": next], page: Self.frame(request, context))
        }
        routes.post("masuk") { request, context in
            guard let localSignIn else { throw HTTPError(.notFound) }
            try Self.requireSameOrigin(request)
            let form = try await WebForm.decode(SignInForm.self, from: request)
            let email = form.email.trimmingCharacters(in: .whitespaces).lowercased()
            guard email.contains("@"), case .success = DatabaseText.checked(email, maximum: 255) else {
                throw AppError(.unprocessable, code: "invalid_email", message: "Enter an e-mail address such as siti@example.com.")
            }
            let token = try await localSignIn.mint(email: email, role: .student, name: form.name.flatMap { DatabaseText.fitting($0, maximum: 255) })
            return WebForm.redirect(WebForm.localPath(form.lanjut),
                cookies: [WebCookies.header("__session", token, maxAge: Self.sessionSeconds, secure: secureCookies)])
        }
        routes.post("keluar") { request, context in
            if context.csrfSeed != nil {
                try WebCSRF.check(try await WebForm.decode(CSRFForm.self, from: request).csrf, seed: context.csrfSeed)
            }
            return WebForm.redirect("/", cookies: [WebCookies.header("__session", "", maxAge: 0, secure: secureCookies)])
        }
        routes.get("bahasa/{lang}") { request, context in
            let language = WebLanguage(rawValue: context.parameters.get("lang") ?? "") ?? .id
            return WebForm.redirect("/", cookies: [WebCookies.header("lang", language.rawValue, maxAge: 365 * 86_400, httpOnly: false, secure: secureCookies)])
        }
        routes.get("onboarding") { request, context in
            guard let user = context.user else { return WebForm.signIn(request) }
            // Filled with the current goals when they are being changed.
            return pages.render("onboarding", [
                "target_ptn": user.targetPTN ?? "", "target_score": user.targetScore ?? 650,
                "exam_date": user.examDate?.description ?? "", "study_hours": user.studyHoursPerWeek ?? 10,
            ], page: Self.frame(request, context))
        }
        routes.post("onboarding") { request, context in
            guard let user = context.user else { return WebForm.signIn(request) }
            let form = try await WebForm.decode(OnboardingForm.self, from: request)
            try WebCSRF.check(form.csrf, seed: context.csrfSeed)
            let goals = try GoalValidation.goals(
                ptn: form.target_ptn, score: form.target_score, examDate: form.exam_date, hours: form.study_hours_per_week,
                today: PracticeDay.today(clock.now()))
            _ = try await users.completeOnboarding(user.id, goals)
            return WebForm.redirect("/dasbor")
        }
    }

    /// A sign-in post must come from our own page (a login CSRF would sign the victim in as the
    /// attacker): when the browser says where the form came from, it must be this host.
    static func requireSameOrigin(_ request: Request) throws {
        guard let origin = request.headers[.origin] else { return }
        let host = request.head.authority ?? ""
        guard origin == "http://\(host)" || origin == "https://\(host)" else {
            throw AppError(.forbidden, code: "origin_not_allowed", message: "Sign in from Genta's own sign-in page.")
        }
    }
}

struct SignInForm: Decodable {
    let email: String
    let name: String?
    /// Where to go afterwards (a path on this site).
    let lanjut: String?
}

struct CSRFForm: Decodable {
    let csrf: String?
}

struct OnboardingForm: Decodable {
    let csrf: String?
    let target_ptn: String
    let target_score: Int
    let exam_date: String
    let study_hours_per_week: Int
}
