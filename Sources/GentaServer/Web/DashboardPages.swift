import Foundation
import GentaCore
import GentaStore
import Hummingbird
import IRT

/// The dashboard (notices such as a corrected key, readiness per subtest, the chance of
/// reaching the target, when, the trend of each subtest, what to practise next) and the profile (goals and the paid period). The
/// same `ReadinessQueries` as `GET /api/v1/readiness`.
struct DashboardPages {
    let pages: WebPages
    let readiness: ReadinessQueries
    let trends: TrendQueries
    let notices: KeyCorrectionQueries
    let scale: ScoreScale
    let clock: WallClock
    /// The longest span of the trend charts.
    static let trendDays = 60

    func addRoutes(to routes: Routes) {
        routes.get("dasbor") { request, context in
            guard let user = context.user else { return WebForm.signIn(request) }
            guard user.onboardingCompleted else { return WebForm.redirect("/onboarding") }
            let frame = WebController.frame(request, context)
            let now = clock.now()
            let rows = try await readiness.report(for: user)
            var values = DashboardView(user: user, rows: rows, language: frame.language).values
            values["trends"] = try await trends.trends(userID: user.id, days: Self.trendDays, now: now).map { trend in
                trendValues(trend, target: user.targetScore, now: now, language: frame.language)
            }
            values["notices"] = try await notices.unreadNotices(userID: user.id, limit: 5).map { notice in
                ["id": notice.id.uuidString.lowercased(), "message": frame.language.text["notice_\(notice.kind.rawValue)"] ?? ""]
            }
            return pages.render("dashboard", values, page: frame)
        }
        routes.post("pemberitahuan/{id}/tutup") { request, context in
            guard let user = context.user else { return WebForm.signIn(request) }
            let form = try await WebForm.decode([String: String].self, from: request)
            try WebCSRF.check(form["csrf"], seed: context.csrfSeed)
            try await notices.dismiss(try Input.uuid(context.parameters.get("id"), field: "id"), userID: user.id)
            return WebForm.redirect("/dasbor")
        }
        routes.get("profil") { request, context in
            guard let user = context.user else { return WebForm.signIn(request) }
            let now = clock.now()
            let tier = user.tier(at: now)
            let frame = WebController.frame(request, context)
            return pages.render("profile", [
                "name": user.fullName ?? "", "email": user.email,
                "target_ptn": user.targetPTN ?? "", "target_score": user.targetScore.map(String.init) ?? "",
                "exam_date": user.examDate?.description ?? "", "study_hours": user.studyHoursPerWeek.map(String.init) ?? "",
                "paid": tier != .free,
                "tier": tier == .premiumPlus ? "Premium Plus" : tier == .premium ? "Premium" : frame.language.text["tier_free"] ?? "",
                "plus_until": user.subscription.premiumPlusUntil.flatMap { $0 > now ? PracticeDay.today($0).description : nil } ?? "",
                "paid_until": user.subscription.paidUntil.flatMap { $0 > now ? PracticeDay.today($0).description : nil } ?? "",
            ], page: frame)
        }
    }

    private func trendValues(_ trend: ThetaTrend, target: Int?, now: Date, language: WebLanguage) -> [String: Any] {
        let days = TrendChart.span(trend, now: now, limit: Self.trendDays)
        let latest = trend.points.last.map { Bounded.nearest(scale.score(theta: $0.theta), in: 0...10_000) ?? 0 }
        let first = trend.points.first.map { Bounded.nearest(scale.score(theta: $0.theta), in: 0...10_000) ?? 0 }
        let code = trend.section.rawValue
        // The chart's accessible name says what the line shows, in numbers.
        let label: String = switch (first, latest, language) {
        case (let first?, let latest?, .id): "\(code): skor \(first) menjadi \(latest) dalam \(days) hari terakhir"
        case (let first?, let latest?, .en): "\(code): score \(first) to \(latest) over the last \(days) days"
        case (_, _, .id): "\(code): belum ada jawaban"
        case (_, _, .en): "\(code): no answers yet"
        }
        let axis = language == .id ? (start: "\(days) hari lalu", end: "hari ini") : (start: "\(days) days ago", end: "today")
        return [
            "code": code, "latest": latest.map(String.init) ?? "—",
            "svg": TrendChart.svg(trend, scale: scale, target: target, now: now, days: days, label: label, axis: axis),
        ]
    }
}
