import Foundation
import GentaServer
import GentaTestSupport
import HummingbirdTesting
import Testing

/// A client that trickles a request head byte by byte (slowloris) is dropped after the idle
/// timeout, however steadily it sends, and does not stop a normal client meanwhile.
@Suite("Slow clients")
struct SlowClientTests {
    @Test("a request head trickled a byte at a time is cut off at the idle timeout")
    func slowloris() async throws {
        try await TestDatabase.with(.sqlite) { database in
            var limits = RequestLimits.unlimitedForTests
            limits.idleTimeout = .seconds(1)
            try await TestApplication.test(database: database, limits: limits, framework: .live) { client in
                let port = try #require(client.port)
                let socket = try RawSocket(port: port)
                defer { socket.close() }
                let started = ContinuousClock.now
                var sent = 0
                // Up to 5 s of one byte every 100 ms: far longer than the 1 s allowed.
                for byte in Array("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ".utf8) + Array(repeating: UInt8(ascii: "a"), count: 40) {
                    guard socket.send(byte) else { break }
                    sent += 1
                    try await Task.sleep(for: .milliseconds(100))
                    #expect(try RawSocket.status(ofGet: "/healthz", port: port) == 200, "a normal client is served meanwhile")
                }
                let elapsed = ContinuousClock.now - started
                #expect(socket.isClosedByPeer(), "the server closed the trickling connection")
                #expect(elapsed < .seconds(6), "closed after about 1 s, not when the client gave up (\(elapsed), \(sent) bytes)")
            }
        }
    }
}
