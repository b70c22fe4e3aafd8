import GentaStore
import SQLKit
import Synchronization

/// A database whose every use fails with `error`: down (`Down`), or busy as the backends
/// report it when their bounded wait runs out.
struct FailingDatabase: Database {
    struct Down: Error, CustomStringConvertible {
        var description: String { "connection refused" }
    }
    let error: any Error
    let dialect = Dialect.postgres
    let location = DatabaseLocation.postgres(.init(host: "127.0.0.1", username: "genta", password: nil, database: "down"))

    init(_ error: any Error) { self.error = error }

    func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T { throw error }
    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T { throw error }
    func run() async throws {}
    func close() async {}
    func started() async {}
}

/// A real database, watched: counts every use, and when `gated` holds each use until the test
/// calls `open()`.
final class WatchedDatabase: Database {
    let base: any Database
    private let state: Mutex<(open: Bool, uses: Int, waiters: [CheckedContinuation<Void, Never>])>

    init(_ base: any Database, gated: Bool = false) {
        self.base = base
        self.state = Mutex((!gated, 0, []))
    }

    var dialect: Dialect { base.dialect }
    var location: DatabaseLocation { base.location }
    var uses: Int { state.withLock { $0.uses } }

    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    private func pass() async {
        await withCheckedContinuation { continuation in
            let wait = state.withLock { state in
                state.uses += 1
                if !state.open { state.waiters.append(continuation) }
                return !state.open
            }
            if !wait { continuation.resume() }
        }
    }

    func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        await pass()
        return try await base.withConnection(body)
    }

    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        await pass()
        return try await base.transaction(body)
    }

    func run() async throws {}
    func close() async {}
    func started() async {}
}

/// A real database that fails its next `failures` uses with an error that is not the database
/// being unavailable: what an unexpected bug looks like to the server.
final class ArmedDatabase: Database {
    struct Broken: Error {}

    let base: any Database
    private let failures = Mutex(0)
    private let passes = Mutex(0)

    init(_ base: any Database) {
        self.base = base
    }

    var dialect: Dialect { base.dialect }
    var location: DatabaseLocation { base.location }

    func arm(_ count: Int, after successes: Int = 0) {
        failures.withLock { $0 = count }
        passes.withLock { $0 = successes }
    }

    private func check() throws {
        let pass = passes.withLock { remaining in
            defer { remaining = max(0, remaining - 1) }
            return remaining > 0
        }
        if pass { return }
        let fail = failures.withLock { remaining in
            defer { remaining = max(0, remaining - 1) }
            return remaining > 0
        }
        if fail { throw Broken() }
    }

    func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try check()
        return try await base.withConnection(body)
    }

    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try check()
        return try await base.transaction(body)
    }

    func run() async throws {}
    func close() async {}
    func started() async {}
}
