import GentaCore
import GentaStore
import Hummingbird

/// `POST /webhooks/midtrans`: Midtrans' payment notifications.
///
/// Midtrans retries according to the answer: 503 four times, 500 once, 400/404 twice, and
/// any 2xx not at all. So a notification we verified and chose to ignore (unknown order,
/// wrong amount, duplicate, stale) answers 200; one we could not process because of our own
/// trouble (database down) answers 503; a forged one 403 and an unreadable one 400. Every one
/// is recorded in `payment_events` first. Without a server key the endpoint does not exist.
struct MidtransWebhookController {
    let service: PaymentService

    /// A notification is about 1 KB.
    static let maximumBodyBytes = 64 * 1024

    func addRoutes(to routes: Routes) {
        guard service.midtrans != nil else { return }
        routes.post("webhooks/midtrans") { request, context in
            let body = try await request.collectBody(upTo: Self.maximumBodyBytes)
            do {
                let outcome = try await service.receive(
                    notification: Array(buffer: body), requestID: context.requestID, logger: context.logger)
                return Response.json(NotificationAnswer(status: outcome.rawValue))
            } catch let error as AppError {
                throw error
            } catch let error as DatabaseUnavailable {
                throw error  // 503 database_unavailable with Retry-After, like every route
            } catch {
                context.logger.error("Midtrans notification not processed; Midtrans will retry", metadata: ["error": "\(error)"])
                throw AppError(.unavailable, code: "try_again", message: "The notification could not be processed now; retry later.",
                    retryAfterSeconds: 60)
            }
        }
    }
}
