import Foundation
import GentaCore
import GentaIntegrations
import GentaStore
import HTTPTypes
import Hummingbird

/// `POST /webhooks/clerk`: Clerk's account events, delivered by Svix.
///
/// Without `CLERK_WEBHOOK_SECRET` the endpoint does not exist (404): a feature switched off is
/// not a server error. The signature is checked over the raw body before anything is parsed;
/// a body over 256 KiB is refused with 413 before any of it is trusted. Answers are 2xx for
/// every verified delivery, including ones that change nothing (duplicates, stale updates,
/// an e-mail already in use): Svix retries anything else, and retrying cannot fix those.
struct WebhookController {
    let verifier: SvixVerifier?
    let sync: AccountSyncQueries

    static let maximumBodyBytes = 256 * 1024

    struct Outcome: Encodable {
        let status: String
    }

    func addRoutes(to router: Routes) {
        guard let verifier else { return }
        router.post("webhooks/clerk") { request, context in
            let body = try await request.collectBody(upTo: Self.maximumBodyBytes)
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
            if outcome.needsAttention {
                context.logger.warning("Clerk account not synced: its e-mail address is in use by another account or cannot be stored",
                    metadata: ["svix_id": "\(id ?? "")", "outcome": "\(outcome.rawValue)"])
            }
            return Response.json(Outcome(status: outcome.rawValue))
        }
    }

    /// Clerk's view of the user, made to fit our columns. Clerk accepts names and URLs we
    /// cannot store, and refusing the delivery would only make Svix retry it for days: the name
    /// is cleaned and shortened (`DatabaseText.fitting`), an avatar URL too long for its column
    /// is dropped. The e-mail is passed on as it is; the store refuses an unusable one.
    static func account(_ user: ClerkUser) -> ProviderAccount {
        let parts = [user.firstName, user.lastName].compactMap { $0.flatMap { DatabaseText.fitting($0, maximum: UserColumnLimits.fullName) } }
        let avatar = user.imageURL.flatMap { url -> String? in
            guard case .success(let url) = DatabaseText.checked(url, maximum: UserColumnLimits.avatarURL) else { return nil }
            return url
        }
        return ProviderAccount(
            subject: user.id, email: user.primaryEmail?.lowercased(), emailVerified: user.emailVerified,
            fullName: DatabaseText.fitting(parts.joined(separator: " "), maximum: UserColumnLimits.fullName),
            avatarURL: avatar, role: user.role, updatedAt: user.updatedAt, createdAt: user.createdAt)
    }
}
