import GentaStore
import Logging
import ServiceLifecycle

/// Closes the blocks of sittings nobody came back to, once a minute, so a student who left
/// mid-tryout still gets scores and percentiles stay complete without anyone asking. A failed
/// sweep is logged and tried again next minute; it never stops the server.
struct TryoutSweep: Service {
    let sittings: TryoutSittingQueries
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let scored = try await sittings.closeExpired()
                if scored > 0 { logger.info("scored abandoned tryout sittings", metadata: ["count": "\(scored)"]) }
            } catch {
                logger.warning("tryout sweep failed; retrying next interval", metadata: ["error": "\(error)"])
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
