import Foundation
import Logging
import ServiceLifecycle

/// Bounds graceful shutdown: once SIGTERM or SIGINT starts it, the process exits after `limit`
/// even if some request never finishes (a database that stopped answering, say). Without it a
/// stuck request keeps a stopped server alive until someone kills it.
struct ShutdownDeadline: Service {
    let limit: Duration
    let logger: Logger

    func run() async throws {
        do {
            try await gracefulShutdown()
        } catch {
            return  // cancelled: the group is ending without a graceful shutdown
        }
        let seconds = limit.timeInterval
        let logger = logger
        // A thread of its own, so that nothing the stuck work holds can delay it.
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: seconds)
            logger.critical("graceful shutdown did not finish within \(seconds) s; exiting with requests unfinished")
            exit(1)
        }
    }
}
