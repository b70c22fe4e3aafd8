import GentaStore
import Metrics
import SQLKit
import Synchronization

/// A database that reports how its connections are used: requests waiting for a connection,
/// connections in use, and how long the wait was (`/metrics`). The backends' pools stay as they
/// are; this counts at the one door every query goes through.
struct InstrumentedDatabase: Database {
    let base: any Database
    private let counts: Counts
    private let waiting: Gauge
    private let inUse: Gauge
    private let wait: Timer

    init(_ base: any Database, factory: any MetricsFactory) {
        self.base = base
        counts = Counts()
        waiting = Gauge(label: "genta_db_connections_waiting", factory: factory)
        inUse = Gauge(label: "genta_db_connections_in_use", factory: factory)
        wait = Timer(label: "genta_db_connection_wait_seconds", factory: factory)
    }

    var dialect: Dialect { base.dialect }
    var location: DatabaseLocation { base.location }

    func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await measured(lease: { try await base.withConnection($0) }, body: body)
    }

    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await measured(lease: { try await base.transaction($0) }, body: body)
    }

    func withMaintenanceConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await measured(lease: { try await base.withMaintenanceConnection($0) }, body: body)
    }

    func run() async throws { try await base.run() }
    func close() async { await base.close() }
    func started() async { await base.started() }

    /// Counts the call as waiting until `body` starts (a connection was handed over), then as in
    /// use until it ends.
    private func measured<T: Sendable>(
        lease: (@Sendable (any SQLDatabase) async throws -> T) async throws -> T,
        body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        let asked = ContinuousClock.now
        let handedOver = HandOver()
        record(waiting: +1, inUse: 0)
        defer {
            if handedOver.happened { record(waiting: 0, inUse: -1) } else { record(waiting: -1, inUse: 0) }
        }
        return try await withoutActuallyEscaping(body) { body in
            try await lease { db in
                handedOver.mark()
                record(waiting: -1, inUse: +1)
                let elapsed = ContinuousClock.now - asked
                wait.recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
                return try await body(db)
            }
        }
    }

    private func record(waiting waitingChange: Int, inUse inUseChange: Int) {
        let (nowWaiting, nowInUse) = counts.change(waiting: waitingChange, inUse: inUseChange)
        waiting.record(nowWaiting)
        inUse.record(nowInUse)
    }

    /// Whether the connection was handed over, for the bookkeeping once the call ends.
    private final class HandOver: Sendable {
        private let value = Mutex(false)
        var happened: Bool { value.withLock { $0 } }
        func mark() { value.withLock { $0 = true } }
    }

    private final class Counts: Sendable {
        private let values = Mutex((waiting: 0, inUse: 0))

        func change(waiting: Int, inUse: Int) -> (Int, Int) {
            values.withLock {
                $0.waiting += waiting
                $0.inUse += inUse
                return ($0.waiting, $0.inUse)
            }
        }
    }
}
