import Foundation
import GentaCore
import GentaStore
import Hummingbird

/// `GET /api/v1/admin/payments` (orders, filtered and paged) and
/// `GET /api/v1/admin/payments/revenue` (paid orders per WIB day and plan). Admins only.
struct AdminPaymentsController {
    let reports: PaymentReports
    let clock: WallClock

    func addRoutes(to group: Routes) {
        group.get("admin/payments") { request, context in
            try Self.requireAdmin(context)
            let query = request.uri.queryParameters
            let status = try query["status"].map { text in
                guard let status = PaymentStatus(rawValue: String(text)) else {
                    throw AppError(.badRequest, code: "invalid_field",
                        message: "status must be one of \(PaymentStatus.allCases.map(\.rawValue).joined(separator: ", ")).",
                        details: ["field": "status"])
                }
                return status
            }
            let (since, until) = try Self.days(
                query["from"].map(String.init), query["to"].map(String.init), defaultDays: nil, now: clock.now())
            let filter = PaymentReports.Filter(
                status: status, since: since, until: until,
                limit: try Input.integer(query["limit"].map(String.init), field: "limit", default: 50, in: 1...200),
                after: try Input.cursor(query["cursor"].map(String.init)))
            let page = try await reports.page(filter)
            let now = clock.now()
            return Response.json(AdminPaymentsResponse(
                orders: page.orders.map { AdminOrderResponse($0, now: now) }, next_cursor: page.next?.token))
        }
        group.get("admin/payments/revenue") { request, context in
            try Self.requireAdmin(context)
            let query = request.uri.queryParameters
            let range = try Self.days(
                query["from"].map(String.init), query["to"].map(String.init), defaultDays: 30, now: clock.now())
            let since = range.since ?? .distantPast, until = range.until ?? .distantFuture
            let rows = try await reports.revenue(since: since, until: until)
            return Response.json(RevenueResponse(
                from: PracticeDay.today(since).description, to: PracticeDay.today(until.addingTimeInterval(-1)).description,
                total_idr: rows.map(\.revenueIDR).reduce(0, +),
                by_day_and_plan: rows.map { .init(date: $0.day, plan_id: $0.planID, orders: $0.orders, revenue_idr: $0.revenueIDR) }))
        }
    }

    private static func requireAdmin(_ context: GentaRequestContext) throws {
        guard try context.requireUser().role == .admin else {
            throw AppError(.forbidden, code: "admin_only", message: "Only administrators can see payments.")
        }
    }

    /// `from` and `to` are WIB days (`YYYY-MM-DD`, both included); a range that ends before it
    /// starts holds nothing. With a default, a missing end is today and a missing start
    /// `defaultDays` days before the end.
    private static func days(_ from: String?, _ to: String?, defaultDays: Int?, now: Date) throws -> (since: Date?, until: Date?) {
        func day(_ text: String?, _ field: String) throws -> CalendarDate? {
            guard let text, !text.isEmpty else { return nil }
            guard let day = CalendarDate(text) else {
                throw AppError(.badRequest, code: "invalid_date", message: "\(field) must be a date YYYY-MM-DD.", details: ["field": field])
            }
            return day
        }
        let start = try day(from, "from").map { PracticeDay.start(of: $0) }
        let end = try day(to, "to").map { PracticeDay.start(of: $0).addingTimeInterval(86_400) }
        guard let defaultDays else { return (start, end) }
        let until = end ?? PracticeDay.nextStart(after: now)
        return (start ?? until.addingTimeInterval(-Double(defaultDays) * 86_400), until)
    }
}
