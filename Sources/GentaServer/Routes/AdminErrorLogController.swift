import Foundation
import GentaCore
import GentaStore
import Hummingbird

/// `GET /api/v1/admin/error-logs`: the server's recorded failures, newest first (admins).
struct AdminErrorLogController {
    let errorLogs: ErrorLogQueries

    func addRoutes(to group: Routes) {
        group.get("admin/error-logs") { request, context in
            _ = try context.requireAdmin("see the error log")
            let query = request.uri.queryParameters
            let severity = try ItemAnalysisController.choice(
                query["severity"].map(String.init), field: "severity", as: ErrorLogEntry.Severity.self)
            let rawStatus = query["status"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            let status = try rawStatus.map { try Input.integer($0, field: "status", default: 500, in: 500...599) }
            // A WIB day, as the other admin reports take them.
            let since = try query["since"].map(String.init).flatMap { raw -> Date? in
                guard !raw.isEmpty else { return nil }
                guard let day = CalendarDate(raw) else {
                    throw AppError(.badRequest, code: "invalid_date", message: "since must be a date YYYY-MM-DD.", details: ["field": "since"])
                }
                return PracticeDay.start(of: day)
            }
            let limit = try Input.integer(query["limit"].map(String.init), field: "limit", default: 50, in: 1...200)
            let offset = try Input.integer(query["offset"].map(String.init), field: "offset", default: 0, in: 0...1_000_000)
            let entries = try await errorLogs.entries(.init(severity: severity, status: status, since: since, limit: limit, offset: offset))
            return Response.json(ErrorLogListResponse(error_logs: entries.map(ErrorLogListResponse.Entry.init), limit: limit, offset: offset))
        }
    }
}

struct ErrorLogListResponse: Encodable {
    struct Entry: Encodable {
        let id: Int
        let error_type: String
        let error_message: String
        let severity: String
        let user_id: String?
        let endpoint: String?
        let method: String?
        let http_status_code: Int
        let request_id: String?
        let created_at: Date

        init(_ entry: ErrorLogEntry) {
            id = entry.id
            error_type = entry.type
            error_message = entry.message
            severity = entry.severity.rawValue
            user_id = entry.userID?.wire
            endpoint = entry.endpoint
            method = entry.method
            http_status_code = entry.status
            request_id = entry.requestID
            created_at = entry.createdAt
        }
    }

    let error_logs: [Entry]
    let limit: Int
    let offset: Int
}
