import Foundation

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
                return .userUpserted(try decoder.decode(Envelope<ClerkUserPayload>.self, from: data).data.user)
            case "user.deleted":
                return .userDeleted(id: try decoder.decode(Envelope<DeletedObject>.self, from: data).data.id)
            default:
                return .ignored(type: type)
            }
        } catch {
            throw .payloadInvalid
        }
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
