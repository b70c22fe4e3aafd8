import Foundation
import GentaServer
import GentaTestSupport
import HummingbirdTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

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
                    let health = try await client.execute(uri: "/healthz", method: .get) { $0.status }
                    #expect(health == .ok, "a normal client is served meanwhile")
                }
                let elapsed = ContinuousClock.now - started
                #expect(socket.isClosedByPeer(), "the server closed the trickling connection")
                #expect(elapsed < .seconds(4), "closed after about 1 s, not when the client gave up (\(elapsed), \(sent) bytes)")
            }
        }
    }
}

/// A blocking TCP socket to 127.0.0.1, just enough to misbehave as a client.
private struct RawSocket {
    let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw POSIXError(.ECONNREFUSED) }
    }

    /// False once the peer has closed (the send fails).
    func send(_ byte: UInt8) -> Bool {
        var value = byte
        return Glibc.send(descriptor, &value, 1, Int32(MSG_NOSIGNAL)) == 1
    }

    /// True when a read returns end-of-file or a reset: the server hung up.
    func isClosedByPeer() -> Bool {
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 256)
        return recv(descriptor, &buffer, buffer.count, 0) <= 0 && errno != EAGAIN
    }

    func close() { _ = Glibc.close(descriptor) }
}
