import Foundation
import GentaCore

/// A Clerk webhook, reduced to what Genta acts on. The envelope is
/// `{"data":{…},"object":"event","type":"user.created","timestamp":<ms>}`; verify the Svix
/// signature (`SvixVerifier`) before decoding, and deduplicate on `svix-id`.
public enum ClerkWebhookEvent: Sendable, Equatable {
    /// `user.created` or `user.updated`: insert or update by id.
    case userUpserted(ClerkUser)
    /// `user.deleted`.
    case userDeleted(id: String)
    /// Any other event type (sessions, organisations, …): acknowledge and do nothing.
    case ignored(type: String)

    /// Decodes a delivery's raw body. Unknown fields are ignored; a body that is not JSON, has no
    /// `type`, or whose `data` lacks what its type needs is `WebhookError.payloadInvalid`.
    public static func decode(_ body: [UInt8]) throws(WebhookError) -> ClerkWebhookEvent {
        let decoder = JSONDecoder()
        let data = Data(body)
        do {
            let type = try decoder.decode(EventType.self, from: data).type
            switch type {
            case "user.created", "user.updated":
                let user = try decoder.decode(Envelope<ClerkUserPayload>.self, from: data).data.user
                guard isUserID(user.id) else { throw WebhookError.payloadInvalid }
                return .userUpserted(user)
            case "user.deleted":
                let id = try decoder.decode(Envelope<DeletedObject>.self, from: data).data.id
                guard isUserID(id) else { throw WebhookError.payloadInvalid }
                return .userDeleted(id: id)
            default:
                return .ignored(type: type)
            }
        } catch {
            throw .payloadInvalid
        }
    }

    /// Clerk's user ids are short printable text (`user_…`); the id is kept in `users.clerk_id`,
    /// VARCHAR(255), so anything else cannot be an account.
    private static func isUserID(_ id: String) -> Bool {
        guard case .success(let trimmed) = DatabaseText.checked(id, maximum: 255) else { return false }
        return trimmed == id
    }

    private struct Envelope<Payload: Decodable>: Decodable {
        var type: String
        var data: Payload
    }

    /// Just the type, read first so that events we ignore need no particular `data`.
    private struct EventType: Decodable {
        var type: String
    }

    /// `{"deleted":true,"id":"user_…","object":"user"}`.
    private struct DeletedObject: Decodable {
        var id: String
    }
}
