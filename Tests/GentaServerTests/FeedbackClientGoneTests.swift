import Foundation
import GentaCore
import GentaStore
import GentaTestSupport
import SQLKit
import Synchronization
import Testing

/// A request waiting for another request's feedback polls the database; once its client has
/// hung up nobody will read the answer, so the polling stops instead of running to its limit.
@Suite("Feedback waits end with the client")
struct FeedbackClientGoneTests {
    @Test("closing the connection stops the wait's database polling")
    func clientGone() async throws {
        let counting = Mutex<WatchedDatabase?>(nil)
        try await PracticeHarness.run(.sqlite, feedbackWait: .seconds(30), framework: .live, serving: { database in
            let wrapped = WatchedDatabase(database)
            counting.withLock { $0 = wrapped }
            return wrapped
        }) { app in
            let calls = try #require(counting.withLock { $0 })
            let token = try await app.token("siti@example.com")
            let (attempt, _) = try await FeedbackTests.answered(app, token)
            try await FeedbackTests.abandonClaim(app, attempt: attempt)
            let socket = try RawSocket(port: try #require(app.client.port))
            socket.send("POST /api/v1/attempts/\(attempt)/feedback HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nContent-Length: 0\r\n\r\n")
            try await Task.sleep(for: .milliseconds(600))
            let whileWaiting = calls.uses
            socket.close()
            // Noticed at the next poll (every 100 ms); a loaded machine gets a second to settle.
            try await Task.sleep(for: .seconds(1))
            let afterClose = calls.uses
            try await Task.sleep(for: .seconds(1))
            #expect(whileWaiting >= 3, "the wait polls (\(whileWaiting) calls)")
            #expect(calls.uses == afterClose, "no polling after the client left (\(afterClose) → \(calls.uses))")
        }
    }
}
