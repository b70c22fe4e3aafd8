import Foundation
import GentaTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Health, readiness, metrics, request ids")
struct HealthTests {
    @Test("healthz and readyz answer 200 when the database answers", arguments: TestDatabaseKind.allCases)
    func healthy(kind: TestDatabaseKind) async throws {
        try await TestApplication.test(kind) { client, _ in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
            }
            // The whole suite runs at once on two cores, creating and dropping databases; a
            // PostgreSQL that briefly takes over 2 s to answer is "not ready" for that moment.
            var ready: (HTTPResponse.Status, String) = (.serviceUnavailable, "")
            for _ in 0..<5 where ready.0 != .ok {
                ready = try await client.execute(uri: "/readyz", method: .get) { ($0.status, String(buffer: $0.body)) }
            }
            #expect(ready.0 == .ok)
            #expect(ready.1 == #"{"database":"\#(kind.rawValue)","status":"ready"}"#)
        }
    }

    @Test("readyz answers 503 with a reason when the database is down")
    func databaseDown() async throws {
        try await TestApplication.test(database: FailingDatabase(FailingDatabase.Down())) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok, "liveness does not depend on the database")
            }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let body = String(buffer: response.body)
                #expect(body.contains(#""code":"database_unavailable""#))
                #expect(body.contains("could not be queried"))
                #expect(!body.contains("connection refused"), "internal details stay in the log")
            }
        }
    }

    @Test("every response carries a request id; a well-formed incoming one is kept")
    func requestIDs() async throws {
        try await TestApplication.test(.sqlite) { client, _ in
            let generated = try await client.execute(uri: "/healthz", method: .get) { $0.headers[.init("X-Request-Id")!] }
            #expect(generated.map { UUID(uuidString: $0) != nil } == true)
            let kept = try await client.execute(
                uri: "/healthz", method: .get, headers: [.init("X-Request-Id")!: "trace-1234abcd"]
            ) { $0.headers[.init("X-Request-Id")!] }
            #expect(kept == "trace-1234abcd")
            let replaced = try await client.execute(
                uri: "/healthz", method: .get, headers: [.init("X-Request-Id")!: "bad id\nwith newline"]
            ) { $0.headers[.init("X-Request-Id")!] }
            #expect(replaced != nil && replaced != "bad id\nwith newline")
        }
    }

    @Test("unknown routes get the JSON error shape, with a request id")
    func notFound() async throws {
        try await TestApplication.test(.sqlite) { client, _ in
            try await client.execute(uri: "/api/v1/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(String(buffer: response.body).contains(#""code":"not_found""#))
                #expect(response.headers[.init("X-Request-Id")!] != nil)
            }
        }
    }

    @Test("metrics count requests and record latency per route and status")
    func metrics() async throws {
        try await TestApplication.test(.sqlite) { client, _ in
            for _ in 0..<3 { _ = try await client.execute(uri: "/healthz", method: .get) { $0.status } }
            _ = try await client.execute(uri: "/nowhere", method: .get) { $0.status }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                let text = String(buffer: response.body)
                #expect(text.contains(#"genta_http_requests_total{route="/healthz",method="GET",status="200"} 3"#))
                #expect(text.contains(#"genta_http_requests_total{route="NotFound",method="GET",status="404"} 1"#))
                #expect(text.contains(#"genta_http_request_duration_seconds_count{route="/healthz",method="GET",status="200"} 3"#))
                #expect(text.contains("genta_http_request_duration_seconds_bucket"))
            }
        }
    }
}
