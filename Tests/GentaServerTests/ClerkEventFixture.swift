import Foundation

/// Clerk `user.*` events with any field values, JSON-escaped properly (names with emoji or
/// control characters, long e-mail addresses).
enum ClerkEventFixture {
    static func user(
        _ id: String, email: String, first: String, last: String = "Wijaya", image: String? = nil, role: String? = nil,
        updatedAt: Int, type: String = "user.updated"
    ) -> String {
        let data: [String: Any] = [
            "id": id, "object": "user",
            "email_addresses": [["id": "idn_1", "email_address": email, "verification": ["status": "verified"]]],
            "primary_email_address_id": "idn_1", "first_name": first, "last_name": last,
            "image_url": image ?? NSNull(), "public_metadata": role.map { ["role": $0] } ?? [:],
            "created_at": 1_700_000_000_000, "updated_at": updatedAt,
        ]
        let event: [String: Any] = ["object": "event", "type": type, "timestamp": updatedAt, "data": data]
        return String(decoding: try! JSONSerialization.data(withJSONObject: event), as: UTF8.self)
    }
}
