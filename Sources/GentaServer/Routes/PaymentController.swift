import Foundation
import GentaCore
import GentaStore
import Hummingbird

/// `GET /api/v1/plans` (public: prices are no secret), and for a signed-in student
/// `POST /api/v1/subscriptions/checkout` and `GET /api/v1/subscriptions`.
struct PaymentController {
    let service: PaymentService
    let reports: PaymentReports
    let users: UserQueries
    let clock: WallClock

    func addPublicRoutes(to routes: Routes) {
        routes.get("api/v1/plans") { _, _ in
            Response.json(PlansResponse(plans: service.plans.plans.map(PlanResponse.init)))
        }
    }

    func addRoutes(to group: Routes) {
        group.post("subscriptions/checkout") { request, context in
            let user = try context.requireUser()
            let body = try await request.decodeJSON(as: CheckoutRequest.self, context: context)
            let (order, created) = try await service.checkout(user: user, planID: body.plan_id)
            return Response.json(OrderResponse(order, now: clock.now()), status: created ? .created : .ok)
        }
        group.get("subscriptions") { _, context in
            let user = try context.requireUser()
            // Read again: the account on the context was read before this request's clock.
            let account = try await users.account(id: user.id)
            let orders = try await reports.orders(userID: user.id)
            let now = clock.now()
            return Response.json(SubscriptionsResponse(
                current: CurrentPeriodResponse(account.subscription, now: now), orders: orders.map { OrderResponse($0, now: now) }))
        }
    }
}
