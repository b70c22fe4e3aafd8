import Foundation
import GentaCore
import GentaStore

struct PlanResponse: Encodable {
    let id: String
    let tier: String
    let duration_days: Int
    let price_idr: Int
    let name: String

    init(_ plan: Plan) {
        id = plan.id
        tier = plan.tier.rawValue
        duration_days = plan.durationDays
        price_idr = plan.priceIDR
        name = plan.displayName
    }
}

struct PlansResponse: Encodable {
    let currency = "IDR"
    let plans: [PlanResponse]
}

struct CheckoutRequest: Decodable {
    let plan_id: String
}

/// An order as its owner sees it. The Snap token and page are shown only while it can still
/// be paid.
struct OrderResponse: Encodable {
    let order_id: String
    let plan_id: String
    let tier: String
    let duration_days: Int
    let price_idr: Int
    let status: String
    let midtrans_status: String?
    let payment_type: String?
    let snap_token: String?
    let redirect_url: String?
    let expires_at: Date
    let paid_at: Date?
    let period_start: Date?
    let period_end: Date?
    let created_at: Date

    init(_ order: PaymentOrder, now: Date) {
        let payable = order.status == .pending && order.expiresAt > now
        order_id = order.orderID
        plan_id = order.planID
        tier = order.tier.rawValue
        duration_days = order.durationDays
        price_idr = order.priceIDR
        status = order.status.rawValue
        midtrans_status = order.midtransStatus?.rawValue
        payment_type = order.paymentType
        snap_token = payable ? order.snapToken : nil
        redirect_url = payable ? order.redirectURL : nil
        expires_at = order.expiresAt
        paid_at = order.paidAt
        period_start = order.periodStart
        period_end = order.periodEnd
        created_at = order.createdAt
    }
}

/// The paid period as of now, from the dates (`SubscriptionState`).
struct CurrentPeriodResponse: Encodable {
    let tier: String
    let is_active: Bool
    let started_at: Date?
    let ends_at: Date?
    let premium_plus_until: Date?

    init(_ state: SubscriptionState, now: Date) {
        tier = state.tier(at: now).rawValue
        is_active = state.isActive(at: now)
        started_at = is_active ? state.since : nil
        ends_at = is_active ? state.paidUntil : nil
        premium_plus_until = state.premiumPlusUntil.flatMap { $0 > now ? $0 : nil }
    }
}

struct SubscriptionsResponse: Encodable {
    let current: CurrentPeriodResponse
    let orders: [OrderResponse]
}

/// An order in the operators' list: the owner's view, who placed it and why it failed.
struct AdminOrderResponse: Encodable {
    let order: OrderResponse
    let user_id: String?
    let email: String?
    let failure_reason: String?

    init(_ listed: PaymentReports.Listed, now: Date) {
        order = OrderResponse(listed.order, now: now)
        user_id = listed.order.userID?.wire
        email = listed.email
        failure_reason = listed.order.failureReason
    }
}

struct AdminPaymentsResponse: Encodable {
    let orders: [AdminOrderResponse]
    let next_cursor: String?
}

struct RevenueResponse: Encodable {
    struct Row: Encodable {
        let date: String
        let plan_id: String
        let orders: Int
        let revenue_idr: Int
    }
    let from: String
    let to: String
    let total_idr: Int
    let by_day_and_plan: [Row]
}

struct NotificationAnswer: Encodable {
    let status: String
}
