import Foundation
import GentaCore
import SQLKit

/// Applies the identity provider's account changes, once per delivery and in causal order.
///
/// Deliveries may repeat and arrive out of order: each delivery id is recorded in the same
/// transaction as its effect (a repeat changes nothing), and an update older than the one
/// already applied is ignored. A deletion is a soft delete stamped with the time it was
/// processed, so a late update from before the deletion cannot bring the account back.
public struct AccountSyncQueries: Sendable {
    let database: any Database
    let clock: WallClock

    public init(database: any Database, clock: WallClock) {
        self.database = database
        self.clock = clock
    }

    public func apply(_ change: AccountChange, deliveryID: String, source: String) async throws -> AccountSyncOutcome {
        let now = clock.now()
        return try await database.transaction { db in
            let firstDelivery = try await db.raw("""
                INSERT INTO webhook_deliveries (id, source, received_at) VALUES (\(bind: deliveryID), \(bind: source), \(bind: now))
                ON CONFLICT (id) DO NOTHING
                RETURNING id
                """).first()
            guard firstDelivery != nil else { return .duplicate }
            switch change {
            case .upsert(let account): return try await upsert(account, now: now, db)
            case .delete(let subject): return try await delete(subject: subject, now: now, db)
            }
        }
    }

    private func upsert(_ account: ProviderAccount, now: Date, _ db: any SQLDatabase) async throws -> AccountSyncOutcome {
        let existing = try await db.raw("""
            SELECT id, clerk_updated_at, deleted_at FROM users WHERE clerk_id = \(bind: account.subject)
            """).first()
        if let existing {
            let appliedAt = try existing.decode(column: "clerk_updated_at", as: Date?.self)
            if let appliedAt, appliedAt >= account.updatedAt { return .stale }
            if try existing.decode(column: "deleted_at", as: Date?.self) != nil { return .stale }
            if let email = account.email, try await emailTaken(email, bySomeoneOtherThan: account.subject, db) {
                return .emailConflict
            }
            try await db.raw("""
                UPDATE users SET email = COALESCE(\(bind: account.email), email), full_name = \(bind: account.fullName),
                    avatar_url = \(bind: account.avatarURL), is_email_verified = \(bind: account.emailVerified),
                    role = COALESCE(\(bind: account.role?.rawValue), role), clerk_updated_at = \(bind: account.updatedAt),
                    updated_at = \(bind: now)
                WHERE id = \(bind: try existing.decode(column: "id", as: UUID.self))
                """).run()
            return .applied
        }
        if let email = account.email, try await emailTaken(email, bySomeoneOtherThan: account.subject, db) {
            return .emailConflict
        }
        try await db.raw("""
            INSERT INTO users (id, clerk_id, email, full_name, avatar_url, is_email_verified, role, clerk_updated_at,
                created_at, updated_at)
            VALUES (\(bind: UUID()), \(bind: account.subject),
                \(bind: account.email ?? "\(account.subject)@users.genta.invalid"), \(bind: account.fullName),
                \(bind: account.avatarURL), \(bind: account.emailVerified), \(bind: (account.role ?? .student).rawValue),
                \(bind: account.updatedAt), \(bind: account.createdAt), \(bind: now))
            """).run()
        return .applied
    }

    private func delete(subject: String, now: Date, _ db: any SQLDatabase) async throws -> AccountSyncOutcome {
        let updated = try await db.raw("""
            UPDATE users SET deleted_at = \(bind: now), is_active = \(bind: false), clerk_updated_at = \(bind: now),
                updated_at = \(bind: now)
            WHERE clerk_id = \(bind: subject) AND deleted_at IS NULL
            RETURNING id
            """).all()
        if !updated.isEmpty { return .applied }
        // Deleted before we ever saw it: keep a tombstone so a late "created" cannot revive it.
        try await db.raw("""
            INSERT INTO users (id, clerk_id, email, is_active, deleted_at, clerk_updated_at, created_at, updated_at)
            VALUES (\(bind: UUID()), \(bind: subject), \(bind: "deleted+\(subject)@users.genta.invalid"), \(bind: false),
                \(bind: now), \(bind: now), \(bind: now), \(bind: now))
            ON CONFLICT DO NOTHING
            """).run()
        return .applied
    }

    private func emailTaken(_ email: String, bySomeoneOtherThan subject: String, _ db: any SQLDatabase) async throws -> Bool {
        try await db.raw("""
            SELECT 1 AS taken FROM users WHERE lower(email) = lower(\(bind: email)) AND deleted_at IS NULL
              AND clerk_id <> \(bind: subject)
            """).first() != nil
    }
}
