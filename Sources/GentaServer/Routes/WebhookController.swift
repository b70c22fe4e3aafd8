import Foundation
import GentaCore
import GentaIntegrations
import GentaStore
import HTTPTypes
import Hummingbird

/// `POST /webhooks/clerk`: Clerk's account events, delivered by Svix.
///
/// The signature is checked over the raw body before anything is parsed. Answers are 2xx for
/// every verified delivery, including ones that change nothing (duplicates, stale updates,
/// an e-mail already in use): Svix retries anything else, and retrying cannot fix those.
struct WebhookController {
    let verifier: SvixVerifier?
    let sync: AccountSyncQueries

    static let maximumBodyBytes = 256 * 1024

    struct Outcome: Encodable {
        let status: String
    }

    func addRoutes(to router: Router<GentaRequestContext>) {
        router.post("webhooks/clerk") { request, context in
            guard let verifier else {
                throw AppError(.unavailable, code: "webhooks_not_configured",
                    message: "Clerk webhooks are not configured on this server (set CLERK_WEBHOOK_SECRET).")
            }
            let body = try await request.body.collect(upTo: Self.maximumBodyBytes)
            let bytes = Array(buffer: body)
            let id = request.headers[HTTPField.Name("svix-id")!]
            do {
                try verifier.verify(
                    id: id, timestamp: request.headers[HTTPField.Name("svix-timestamp")!],
                    signatureHeader: request.headers[HTTPField.Name("svix-signature")!], body: bytes)
            } catch let error as WebhookError {
                throw error.appError
            }
            let change: AccountChange
            do {
                switch try ClerkWebhookEvent.decode(bytes) {
                case .userUpserted(let user): change = .upsert(Self.account(user))
                case .userDeleted(let subject): change = .delete(subject: subject)
                case .ignored(let type):
                    context.logger.debug("ignored Clerk event", metadata: ["type": "\(type)"])
                    return Response.json(Outcome(status: AccountSyncOutcome.ignored.rawValue))
                }
            } catch let error as WebhookError {
                throw error.appError
            }
            let outcome = try await sync.apply(change, deliveryID: id ?? "", source: "clerk")
            if outcome == .emailConflict {
                context.logger.warning("Clerk account not synced: e-mail in use by another account", metadata: ["svix_id": "\(id ?? "")"])
            }
            return Response.json(Outcome(status: outcome.rawValue))
        }
    }

    static func account(_ user: ClerkUser) -> ProviderAccount {
        let name = [user.firstName, user.lastName].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: " ")
        return ProviderAccount(
            subject: user.id, email: user.primaryEmail?.lowercased(), emailVerified: user.emailVerified,
            fullName: name.isEmpty ? nil : name, avatarURL: user.imageURL, role: user.role,
            updatedAt: user.updatedAt, createdAt: user.createdAt)
    }
}
