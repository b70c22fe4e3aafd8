import Foundation
import GentaCore
import GentaIntegrations
import GentaStore
import Hummingbird

/// Premium in the browser: the plans, checkout through Midtrans Snap (a redirect to its page),
/// and the page Snap sends the student back to, which follows the order until Midtrans has
/// reported it. The same `PaymentService` as `POST /api/v1/subscriptions/checkout`.
struct PremiumPages {
    let pages: WebPages
    let payments: PaymentService
    let reports: PaymentReports
    let users: UserQueries
    let clock: WallClock

    func addRoutes(to routes: Routes) {
        routes.get("premium") { request, context in
            guard let user = context.user else { return WebForm.signIn(request) }
            let frame = WebController.frame(request, context)
            let now = clock.now()
            let account = try await users.account(id: user.id)
            return pages.render("premium", [
                "plans": payments.plans.plans.map { plan in
                    [
                        "id": plan.id, "name": plan.displayName, "days": plan.durationDays,
                        "price": Self.rupiah(plan.priceIDR), "plus": plan.tier == .premiumPlus,
                    ] as [String: Any]
                },
                "active": account.subscription.isActive(at: now),
                "tier": account.tier(at: now) == .premiumPlus ? "Premium Plus" : "Premium",
                "ends": account.subscription.paidUntil.map { PracticeDay.today($0).description } ?? "",
                "available": payments.midtrans != nil,
            ], page: frame)
        }
        routes.post("premium/beli") { request, context in
            guard let user = context.user else { return WebForm.signIn(request) }
            let form = try await WebForm.decode(BuyForm.self, from: request)
            try WebCSRF.check(form.csrf, seed: context.csrfSeed)
            let (order, _) = try await payments.checkout(user: user, planID: form.plan_id ?? "")
            guard let page = order.redirectURL else { return WebForm.redirect("/premium/pesanan/\(order.orderID)") }
            return WebForm.redirect(page)
        }
        // Snap's "Finish" redirect URL (set in Midtrans' dashboard) adds ?order_id=…
        routes.get("premium/selesai") { request, _ in
            let orderID = request.uri.queryParameters["order_id"].map(String.init) ?? ""
            guard MidtransClient.isPlausibleOrderID(orderID) else { return WebForm.redirect("/premium") }
            return WebForm.redirect("/premium/pesanan/\(orderID)")
        }
        // The order's own page (configure it in Midtrans' dashboard); the order
        // id comes from Midtrans' query or the path.
        routes.get("premium/pesanan/{order}") { request, context in
            guard let user = context.user else { return WebForm.signIn(request) }
            let orderID = context.parameters.get("order") ?? ""
            guard let order = try await reports.orders(userID: user.id).first(where: { $0.orderID == orderID }) else {
                throw AppError(.notFound, code: "order_not_found", message: "There is no such order of yours.")
            }
            let frame = WebController.frame(request, context)
            return pages.render("order", [
                "order_id": order.orderID, "plan": order.planID, "price": Self.rupiah(order.priceIDR),
                "pending": order.status == .pending, "paid": order.status == .success,
                "status": order.status.rawValue, "pay_url": order.status == .pending && order.expiresAt > clock.now() ? (order.redirectURL ?? "") : "",
            ], page: frame)
        }
    }

    /// "Rp49.000", as Indonesians write amounts.
    static func rupiah(_ amount: Int) -> String {
        var digits = Array(String(amount))
        var grouped = ""
        while digits.count > 3 {
            grouped = "." + String(digits.suffix(3)) + grouped
            digits.removeLast(3)
        }
        return "Rp" + String(digits) + grouped
    }
}

struct BuyForm: Decodable {
    let csrf: String?
    let plan_id: String?
}
