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
import Synchronization
import Testing

@Suite("Rate and concurrency limits")
struct RequestLimitsTests {
    @Test("a user over their rate gets 429 with Retry-After; another user is unaffected", arguments: TestDatabaseKind.allCases)
    func perUserRate(kind: TestDatabaseKind) async throws {
        let limits = RequestLimits(userPerMinute: 6, userBurst: 3, userConcurrency: 10, addressPerMinute: 1000, addressBurst: 1000)
        try await PracticeHarness.run(kind, limits: limits) { app in
            let siti = try await app.token("siti@example.com")
            let budi = try await app.token("budi@example.com")
            for _ in 0..<3 { #expect(try await app.call(.get, "/api/v1/me", token: siti).status == .ok) }
            let asked = ContinuousClock.now
            let refused = try await app.client.execute(
                uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(siti)"]) { $0 }
            #expect(ContinuousClock.now - asked >= .milliseconds(900), "a refusal comes after the pause, so retrying at once gains nothing")
            #expect(refused.status == .tooManyRequests)
            // One token per 10 s at 6 a minute; a little less when the first requests took a while.
            #expect(refused.headers[.retryAfter].flatMap(Int.init).map { (1...10).contains($0) } == true)
            #expect(String(buffer: refused.body).contains(#""code":"rate_limited""#))
            #expect(try await app.call(.get, "/api/v1/me", token: budi).status == .ok)
        }
    }

    @Test("requests beyond a user's concurrency are refused at once, before touching the database")
    func perUserConcurrency() async throws {
        try await TestDatabase.with(.sqlite) { database in
            let gated = WatchedDatabase(database, gated: true)
            let limits = RequestLimits(userPerMinute: 1000, userBurst: 1000, userConcurrency: 2)
            try await TestApplication.test(database: gated, limits: limits) { client in
                let token = try await LocalTokenIssuer(secret: PracticeHarness.secret, clock: .fixed(TestDatabase.referenceNow))
                    .mint(email: "siti@example.com", role: .student)
                let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<6 {
                        group.addTask {
                            try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                                Int($0.status.code)
                            }
                        }
                    }
                    // Four are refused while two wait at the gate; then the gate opens.
                    var seen: [Int] = []
                    for _ in 0..<4 { seen.append(try await group.next()!) }
                    for _ in 0..<200 where gated.uses < 2 { try await Task.sleep(for: .milliseconds(10)) }
                    #expect(gated.uses == 2, "refused requests never reached the database")
                    gated.open()
                    for try await status in group { seen.append(status) }
                    return seen
                }
                #expect(statuses.sorted() == [200, 200, 429, 429, 429, 429])
            }
        }
    }

    @Test("behind a trusted proxy each forwarded client has its own bucket")
    func behindProxy() async throws {
        try await TestDatabase.with(.sqlite) { database in
            let limits = RequestLimits(addressPerMinute: 1, addressBurst: 1, refusalDelay: .zero, trustedProxies: ["127.0.0.1"])
            try await TestApplication.test(database: database, limits: limits, framework: .live) { client in
                func status(from address: String) async throws -> HTTPResponse.Status {
                    try await client.execute(uri: "/api/v1/me", method: .get, headers: [HTTPField.Name("X-Forwarded-For")!: address]) {
                        $0.status
                    }
                }
                let first = try await status(from: "203.0.113.1")
                let again = try await status(from: "203.0.113.1")
                let other = try await status(from: "203.0.113.2")
                #expect([first, again, other] == [.unauthorized, .tooManyRequests, .unauthorized])
            }
        }
    }

    @Test("a client address over its rate gets 429 before sign-in; health probes are exempt")
    func perAddress() async throws {
        try await TestDatabase.with(.sqlite) { database in
            let limits = RequestLimits(addressPerMinute: 1, addressBurst: 2)
            try await TestApplication.test(database: database, limits: limits, framework: .live) { client in
                for _ in 0..<2 {
                    let status = try await client.execute(uri: "/api/v1/me", method: .get) { $0.status }
                    #expect(status == .unauthorized)
                }
                try await client.execute(uri: "/api/v1/me", method: .get) { response in
                    #expect(response.status == .tooManyRequests)
                    #expect(response.headers[.retryAfter].flatMap(Int.init).map { (1...60).contains($0) } == true)
                }
                let health = try await client.execute(uri: "/healthz", method: .get) { $0.status }
                #expect(health == .ok)
            }
        }
    }
}
