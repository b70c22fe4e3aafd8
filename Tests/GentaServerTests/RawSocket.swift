import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A blocking TCP socket to 127.0.0.1, just enough to misbehave as a client.
struct RawSocket {
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

extension RawSocket {
    /// The status code of `GET path` on a connection of its own (closed after the answer).
    static func status(ofGet path: String, port: Int) throws -> Int? {
        let socket = try RawSocket(port: port)
        defer { socket.close() }
        socket.send("GET \(path) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket.descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = recv(socket.descriptor, &buffer, buffer.count, 0)
        guard count >= 12 else { return nil }
        return Int(String(decoding: buffer[9..<12], as: UTF8.self))
    }

    /// Sends the whole of `text`.
    func send(_ text: String) {
        for byte in Array(text.utf8) { _ = send(byte) }
    }
}
