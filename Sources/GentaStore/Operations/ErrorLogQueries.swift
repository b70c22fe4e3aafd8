import Foundation
import GentaCore
import SQLKit

/// One failure the server recorded (`error_logs`).
public struct ErrorLogEntry: Sendable, Equatable {
    public enum Severity: String, Sendable, CaseIterable {
        case low, medium, high, critical
    }

    public var id: Int
    public var type: String
    public var message: String
    public var severity: Severity
    public var userID: UUID?
    public var endpoint: String?
    public var method: String?
    public var status: Int
    public var environment: String?
    public var requestID: String?
    public var createdAt: Date

    public init(
        id: Int = 0, type: String, message: String, severity: Severity, userID: UUID?, endpoint: String?, method: String?,
        status: Int, environment: String?, requestID: String?, createdAt: Date
    ) {
        self.id = id
        self.type = type
        self.message = message
        self.severity = severity
        self.userID = userID
        self.endpoint = endpoint
        self.method = method
        self.status = status
        self.environment = environment
        self.requestID = requestID
        self.createdAt = createdAt
    }
}

/// Writing the server's failures to `error_logs` and reading them back for admins.
public struct ErrorLogQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func record(_ entry: ErrorLogEntry) async throws {
        try await database.withConnection { db in
            try await db.raw("""
                INSERT INTO error_logs (error_type, error_message, severity, user_id, endpoint, method, http_status_code,
                    environment, request_id, created_at)
                VALUES (\(bind: String(entry.type.prefix(100))), \(bind: String(entry.message.unicodeScalars.prefix(4000))),
                    \(bind: entry.severity.rawValue), \(bind: entry.userID), \(bind: entry.endpoint.map { String($0.prefix(255)) }),
                    \(bind: entry.method.map { String($0.prefix(10)) }), \(bind: min(max(entry.status, 100), 599)),
                    \(bind: entry.environment), \(bind: entry.requestID.map { String($0.prefix(100)) }), \(bind: entry.createdAt))
                """).run()
        }
    }

    public struct Filter: Sendable {
        public var severity: ErrorLogEntry.Severity?
        public var status: Int?
        public var since: Date?
        public var limit: Int
        public var offset: Int

        public init(severity: ErrorLogEntry.Severity?, status: Int?, since: Date?, limit: Int, offset: Int) {
            self.severity = severity
            self.status = status
            self.since = since
            self.limit = limit
            self.offset = offset
        }
    }

    /// Newest first.
    public func entries(_ filter: Filter) async throws -> [ErrorLogEntry] {
        var conditions: [SQLQueryString] = ["1 = 1"]
        if let severity = filter.severity { conditions.append("severity = \(bind: severity.rawValue)") }
        if let status = filter.status { conditions.append("http_status_code = \(bind: status)") }
        if let since = filter.since { conditions.append("created_at >= \(bind: since)") }
        let condition = conditions.joined(separator: " AND ")
        return try await database.withConnection { db in
            try await db.raw("""
                SELECT id, error_type, error_message, severity, user_id, endpoint, method, http_status_code, environment,
                    request_id, created_at
                FROM error_logs WHERE \(condition) ORDER BY created_at DESC, id DESC LIMIT \(bind: filter.limit) OFFSET \(bind: filter.offset)
                """).all().map { row in
                ErrorLogEntry(
                    id: try row.decode(column: "id", as: Int.self), type: try row.decode(column: "error_type", as: String?.self) ?? "",
                    message: try row.decode(column: "error_message", as: String?.self) ?? "",
                    severity: ErrorLogEntry.Severity(rawValue: try row.decode(column: "severity", as: String?.self) ?? "") ?? .high,
                    userID: try row.decode(column: "user_id", as: UUID?.self), endpoint: try row.decode(column: "endpoint", as: String?.self),
                    method: try row.decode(column: "method", as: String?.self),
                    status: try row.decode(column: "http_status_code", as: Int?.self) ?? 500,
                    environment: try row.decode(column: "environment", as: String?.self),
                    requestID: try row.decode(column: "request_id", as: String?.self),
                    createdAt: try row.decode(column: "created_at", as: Date.self))
            }
        }
    }
}
