import PostgresNIO
import Synchronization

/// Work on one pooled PostgreSQL connection, held to `DatabaseLimits`.
///
/// A watchdog runs beside the work. If no connection was leased within `connectionWait` it
/// gives up (the lease is cancelled) with `DatabaseUnavailable(.busy)`. If the work still holds
/// its connection after `operationTimeout` it closes that connection: postgres-nio does not stop
/// a running query when its task is cancelled, but a closed connection fails it at once, the
/// transaction is rolled back by the server, and the pool opens a fresh connection. Either way
/// the caller learns within a bounded time, which also bounds graceful shutdown.
enum PostgresLease {
    static func run<T: Sendable>(
        _ client: PostgresClient, limits: DatabaseLimits,
        _ work: @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let progress = LeaseProgress()
        do {
            return try await withoutActuallyEscaping(work) { work in
                try await withThrowingTaskGroup(of: Finish<T>.self) { group in
                    group.addTask {
                        try await client.withConnection { connection in
                            guard progress.begin(connection) else { throw CancellationError() }
                            defer { progress.finish() }
                            do {
                                return .value(try await LeaseProgress.$current.withValue(progress) { try await work(connection) })
                            } catch {
                                // Closed by the watchdog: let the close complete before the pool
                                // takes the connection back, or it could lend it out once more.
                                try? await progress.closing?.get()  // ok: only waiting for it to end
                                throw error
                            }
                        }
                    }
                    group.addTask {
                        try await Task.sleep(for: limits.connectionWait)
                        if progress.giveUpWaiting() {
                            throw DatabaseUnavailable(.busy, detail: "no PostgreSQL connection free within \(limits.connectionWait)")
                        }
                        try await Task.sleep(for: limits.operationTimeout - limits.connectionWait)
                        progress.expire()
                        return .watchdog
                    }
                    while let finish = try await group.next() {
                        if case .value(let value) = finish {
                            group.cancelAll()
                            return value
                        }
                    }
                    throw CancellationError()
                }
            }
        } catch let error where progress.hasExpired {
            throw DatabaseUnavailable(.timedOut, detail: "work held a connection past \(limits.operationTimeout): \(String(reflecting: error))")
        }
    }

    /// Whether the work running in this task had its connection closed by the watchdog: its
    /// next statement must fail at once rather than go to a closed connection.
    static var hasExpired: Bool {
        LeaseProgress.current?.hasExpired ?? false
    }

    private enum Finish<T: Sendable>: Sendable {
        case value(T)
        case watchdog
    }
}

/// Where one leased piece of work stands, shared by the work and its watchdog.
final class LeaseProgress: Sendable {
    /// The lease of the work running in this task.
    @TaskLocal static var current: LeaseProgress?

    private enum Phase {
        case waiting, working(PostgresConnection), finished, abandoned, expired(closing: EventLoopFuture<Void>)
    }
    private let phase = Mutex(Phase.waiting)

    /// The work got its connection; false when the watchdog already gave up on it.
    func begin(_ connection: PostgresConnection) -> Bool {
        phase.withLock { phase in
            guard case .waiting = phase else { return false }
            phase = .working(connection)
            return true
        }
    }

    func finish() {
        phase.withLock { phase in
            if case .working = phase { phase = .finished }
        }
    }

    /// True (and the work abandoned) when it is still waiting for a connection.
    func giveUpWaiting() -> Bool {
        phase.withLock { phase in
            guard case .waiting = phase else { return false }
            phase = .abandoned
            return true
        }
    }

    /// Closes the connection when the work is still running on it.
    func expire() {
        phase.withLock { phase in
            guard case .working(let connection) = phase else { return }
            phase = .expired(closing: connection.close())
        }
    }

    /// The closing of an expired connection.
    var closing: EventLoopFuture<Void>? {
        phase.withLock { phase in
            if case .expired(let closing) = phase { return closing }
            return nil
        }
    }

    var hasExpired: Bool {
        phase.withLock { phase in
            if case .expired = phase { return true }
            return false
        }
    }
}
