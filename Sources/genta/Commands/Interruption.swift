import Foundation

/// Ctrl-C and SIGTERM for commands that run other programs (backup, restore).
///
/// Foundation starts each program as the leader of a process group of its own, so the
/// terminal's Ctrl-C reaches genta and not pg_dump: killed outright, genta would leave pg_dump
/// writing a half backup nobody removes. Instead the signal cancels the work, which stops the
/// program and removes what it wrote; a second signal exits at once.
enum Interruption {
    /// Runs `work`; SIGINT or SIGTERM cancels it, and it then fails with `CancellationError`.
    static func cancellingOnSignals<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await work() }
        let sources = [SIGINT, SIGTERM].map { number in
            // Dispatch sees the signal only when its default action (ending the process) is off.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if task.isCancelled { exit(128 + number) }
                FileHandle.standardError.write(Data("genta: stopping; press Ctrl-C again to quit at once\n".utf8))
                task.cancel()
            }
            source.resume()
            return source
        }
        defer {
            for source in sources { source.cancel() }
        }
        return try await task.value
    }

    /// `cancellingOnSignals`, ending the command with `message` (exit 1) when interrupted.
    static func failingWhenInterrupted<T: Sendable>(_ message: String, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        do {
            return try await cancellingOnSignals(work)
        } catch is CancellationError {
            CommandSupport.fail(message)
        }
    }
}
