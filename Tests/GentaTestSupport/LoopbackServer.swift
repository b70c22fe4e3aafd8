import Hummingbird

/// Runs `router` on 127.0.0.1 (a free port) for the duration of `body`, which receives the
/// port; the stand-ins for external services are built on it. Nothing leaves the machine.
public func withLoopbackServer<Result: Sendable>(
    _ router: Router<BasicRequestContext>, label: String, _ body: @Sendable (_ port: Int) async throws -> Result
) async throws -> Result {
    let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
    let app = Application(
        router: router,
        configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            portContinuation.yield(channel.localAddress?.port ?? 0)
            portContinuation.finish()
        },
        logger: quietLogger(label)
    )
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port != 0 else {
            group.cancelAll()
            throw StandInError.didNotStart
        }
        defer { group.cancelAll() }
        return try await body(port)
    }
}

/// A stand-in server never said which port it listens on.
public enum StandInError: Error {
    case didNotStart
}
