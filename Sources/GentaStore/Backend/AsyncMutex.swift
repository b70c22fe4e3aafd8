import Synchronization

/// A first-come first-served lock for async code, with a bounded wait.
///
/// The SQLite backend has one connection; this keeps a transaction's statements from
/// interleaving with anyone else's. A waiter gives up after its time limit (so one caller's
/// burst cannot queue everyone else for ever) or when its task is cancelled; every holder
/// releases in a `defer`.
final class AsyncMutex: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }
    private struct State {
        var locked = false
        var waiters: [Waiter] = []
        var nextID: UInt64 = 0
    }
    private let state = Mutex(State())

    /// Takes the lock, waiting at most `limit`; then throws `timeout()`.
    func lock(waitingAtMost limit: Duration, timeout: @escaping @Sendable () -> any Error) async throws {
        let id = state.withLock { state in
            state.nextID &+= 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let acquired = state.withLock { state in
                    if state.locked {
                        state.waiters.append(Waiter(id: id, continuation: continuation))
                        return false
                    }
                    state.locked = true
                    return true
                }
                if acquired {
                    continuation.resume()
                    return
                }
                Task {
                    do { try await Task.sleep(for: limit) } catch { return }
                    self.abandon(id, with: timeout())
                }
            }
        } onCancel: {
            self.abandon(id, with: CancellationError())
        }
    }

    func unlock() {
        let next = state.withLock { state -> Waiter? in
            if state.waiters.isEmpty {
                state.locked = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.continuation.resume()
    }

    func withLock<T>(
        waitingAtMost limit: Duration, timeout: @escaping @Sendable () -> any Error, _ body: () async throws -> T
    ) async throws -> T {
        try await lock(waitingAtMost: limit, timeout: timeout)
        defer { unlock() }
        return try await body()
    }

    /// Takes a waiter out of the queue (if it is still there) and fails its wait.
    private func abandon(_ id: UInt64, with error: any Error) {
        let waiter = state.withLock { state -> Waiter? in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index)
        }
        waiter?.continuation.resume(throwing: error)
    }
}
