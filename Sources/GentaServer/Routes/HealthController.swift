import GentaStore
import Hummingbird

/// Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database answers).
struct HealthController {
    let database: any Database

    struct Status: Encodable {
        let status: String
        let database: String?
    }

    func addRoutes(to router: Routes) {
        router.get("healthz") { _, _ in
            Response.json(Status(status: "ok", database: nil))
        }
        router.get("readyz") { _, context in
            do {
                try await withTimeout(.seconds(2)) { try await database.ping() }
                return Response.json(Status(status: "ready", database: database.dialect.rawValue))
            } catch {
                context.logger.warning("readiness check failed", metadata: ["error": "\(error)"])
                return Response.json(
                    // The detail (hosts, users) stays in the log; this endpoint is public.
                    ErrorBody(code: "database_unavailable",
                        message: "The database (\(database.dialect.rawValue)) \(Self.reason(error)); see the server log for details."),
                    status: .serviceUnavailable)
            }
        }
    }

    static func reason(_ error: any Error) -> String {
        error is TimeoutError ? "did not answer within 2 seconds" : "could not be queried"
    }
}
