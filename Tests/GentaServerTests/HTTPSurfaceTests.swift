import Foundation
import GentaCore
import GentaIntegrations
import GentaServer
import GentaStore
import GentaTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@Suite("HTTP surface: methods, headers, CORS, cookies, metrics, database trouble")
struct HTTPSurfaceTests {
    @Test("an unserved method on a known path is 405 with Allow; an unknown path stays 404")
    func methodNotAllowed() async throws {
        try await TestApplication.test(.sqlite) { client, _ in
            for (method, path, allow) in [
                (HTTPRequest.Method.delete, "/api/v1/me", "GET, PATCH"),
                (.put, "/healthz", "GET"),
                (.delete, "/api/v1/sessions/\(UUID().uuidString.lowercased())", "GET"),
                (.options, "/api/v1/attempts", "POST, GET"),
                (.options, "/api/v1/admin/questions/analysis", "GET"),
                (.post, "/api/v1/admin/questions/\(UUID().uuidString.lowercased())", "GET, PUT, DELETE"),
                (.get, "/webhooks/clerk", nil),
            ] {
                try await client.execute(uri: path, method: method) { response in
                    if let allow {
                        #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                        #expect(Set(response.headers[.allow]?.components(separatedBy: ", ") ?? []) == Set(allow.components(separatedBy: ", ")))
                        #expect(String(buffer: response.body).contains(#""code":"method_not_allowed""#))
                    } else {
                        #expect(response.status == .notFound, "no webhook secret: the endpoint does not exist")
                    }
                }
            }
            let unknown = try await client.execute(uri: "/api/v1/nothing", method: .delete) { $0.status }
            #expect(unknown == .notFound)
        }
    }

    @Test("every response is nosniff; API responses are no-store")
    func headers() async throws {
        try await TestApplication.test(.sqlite) { client, _ in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[.cacheControl] == nil)
            }
            try await client.execute(uri: "/api/v1/me", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[.cacheControl] == "no-store")
            }
        }
    }

    @Test("CORS answers preflights from allowed origins only, and never allows credentials")
    func cors() async throws {
        try await PracticeHarness.run(.sqlite, allowedOrigins: ["https://app.genta.id"]) { app in
            let preflight: HTTPFields = [.origin: "https://app.genta.id", .accessControlRequestMethod: "POST"]
            try await app.client.execute(uri: "/api/v1/attempts", method: .options, headers: preflight) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[.accessControlAllowOrigin] == "https://app.genta.id")
                #expect(response.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)
                #expect(response.headers[.accessControlAllowCredentials] == nil)
            }
            let foreign: HTTPFields = [.origin: "https://evil.example", .accessControlRequestMethod: "POST"]
            try await app.client.execute(uri: "/api/v1/attempts", method: .options, headers: foreign) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.accessControlAllowOrigin] == nil)
            }
            let token = try await app.token("siti@example.com")
            try await app.client.execute(uri: "/api/v1/me", method: .get,
                headers: [.origin: "https://app.genta.id", .authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.accessControlAllowOrigin] == "https://app.genta.id")
                #expect(response.headers[.vary] == "Origin")
            }
        }
    }

    @Test("writes signed in by cookie need an allowed Origin and JSON; Bearer writes and cookie reads do not")
    func cookieWrites() async throws {
        try await PracticeHarness.run(.sqlite, allowedOrigins: ["https://app.genta.id"]) { app in
            let token = try await app.token("siti@example.com")
            let body = ByteBuffer(string: #"{"full_name":"Siti"}"#)
            func patch(_ headers: HTTPFields) async throws -> (HTTPResponse.Status, String) {
                try await app.client.execute(uri: "/api/v1/me", method: .patch, headers: headers, body: body) {
                    ($0.status, String(buffer: $0.body))
                }
            }
            let cookie = "theme=dark; __session=\(token)"
            let noOrigin = try await patch([.cookie: cookie, .contentType: "application/json"])
            #expect(noOrigin.0 == .forbidden && noOrigin.1.contains("origin_not_allowed"))
            let foreign = try await patch([.cookie: cookie, .contentType: "application/json", .origin: "https://evil.example"])
            #expect(foreign.0 == .forbidden)
            let form = try await patch([.cookie: cookie, .contentType: "text/plain", .origin: "https://app.genta.id"])
            #expect(form.0 == .unsupportedMediaType && form.1.contains("json_required"))
            #expect(try await patch([.cookie: cookie, .contentType: "application/json; charset=utf-8", .origin: "https://app.genta.id"]).0 == .ok)
            #expect(try await patch([.authorization: "Bearer \(token)", .contentType: "application/json"]).0 == .ok)
            let read = try await app.client.execute(uri: "/api/v1/me", method: .get, headers: [.cookie: cookie]) { $0.status }
            #expect(read == .ok)
        }
    }

    @Test("/metrics asks for its token when one is configured")
    func metricsToken() async throws {
        try await TestDatabase.with(.sqlite) { database in
            try await TestApplication.test(database: database, metricsToken: "scrape-secret-0123456789") { client in
                func status(_ headers: HTTPFields) async throws -> HTTPResponse.Status {
                    try await client.execute(uri: "/metrics", method: .get, headers: headers) { $0.status }
                }
                let missing = try await status([:])
                let wrong = try await status([.authorization: "Bearer wrong-secret-0123456789"])
                let right = try await status([.authorization: "Bearer scrape-secret-0123456789"])
                #expect([missing, wrong, right] == [.unauthorized, .unauthorized, .ok])
            }
        }
    }

    @Test("an unavailable database is a 503 with Retry-After, not a 500")
    func databaseUnavailable() async throws {
        try await TestApplication.test(database: FailingDatabase(DatabaseUnavailable(.busy, detail: "no pool connection free"))) { client in
            let token = try await LocalTokenIssuer(secret: PracticeHarness.secret, clock: .fixed(TestDatabase.referenceNow))
                .mint(email: "siti@example.com", role: .student)
            try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "2")
                let body = String(buffer: response.body)
                #expect(body.contains(#""code":"database_unavailable""#))
                #expect(!body.contains("pool"), "driver details stay in the log")
            }
        }
    }
}
