import Hummingbird
import ServiceLifecycle

/// Runs `router` on 127.0.0.1 (a free port) for the duration of `body`, which receives the
/// port; the stand-ins for external services are built on it. Nothing leaves the machine.
///
/// The server is stopped by a graceful shutdown, not by cancelling it: cancelling the serving
/// task while an accepted connection is still queued traps inside NIO ("Deinited
/// NIOAsyncWriter without calling finish()"), which took a whole test run down once. A
/// stand-in still holding a deliberately hung request after the grace period is cancelled.
public func withLoopbackServer<Result: Sendable>(
    _ router: Router<BasicRequestContext>, label: String, _ body: @Sendable (_ port: Int) async throws -> Result
) async throws -> Result {
    let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
    let logger = quietLogger(label)
    let app = Application(
        router: router,
        configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            portContinuation.yield(channel.localAddress?.port ?? 0)
            portContinuation.finish()
        },
        logger: logger
    )
    let services = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await services.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port != 0 else {
            group.cancelAll()
            throw StandInError.didNotStart
        }
        let outcome: Swift.Result<Result, any Error>
        do { outcome = .success(try await body(port)) } catch { outcome = .failure(error) }
        await services.triggerGracefulShutdown()
        group.addTask {
            try await Task.sleep(for: .seconds(2))
            throw CancellationError()
        }
        // The first task to end is the server (shut down) or the grace timer; either way the
        // rest is cancelled.
        _ = try? await group.next()  // ok: a server that stopped with an error has already served the test
        group.cancelAll()
        return try outcome.get()
    }
}

/// A stand-in server never said which port it listens on.
public enum StandInError: Error {
    case didNotStart
}
