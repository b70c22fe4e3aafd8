import Logging
import ServiceLifecycle

/// Work `genta serve` repeats on a timer: closing abandoned tryout sittings every minute,
/// reconciling payments Midtrans went quiet about. A failed round is logged and tried again
/// next interval; it never stops the server.
struct PeriodicJob: Service {
    let name: String
    let interval: Duration
    let logger: Logger
    /// One round; returns a line worth logging, or nil when there was nothing to do.
    let work: @Sendable () async throws -> String?

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                if let note = try await work() { logger.info("\(name): \(note)") }
            } catch {
                logger.warning("\(name) failed; retrying next interval", metadata: ["error": "\(error)"])
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
