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
        do {
            return try await record(change, deliveryID: deliveryID, source: source, now: now)
        } catch where isUniqueViolation(error) {
            // Another account took the e-mail between the check and the write: nothing was kept,
            // and the retried delivery will find the address taken.
            return .emailConflict
        }
    }

    private func record(_ change: AccountChange, deliveryID: String, source: String, now: Date) async throws -> AccountSyncOutcome {
        try await database.transaction { db in
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

    /// Applies an account's newer state, or nothing.
    ///
    /// The version check is in the UPDATE itself (`clerk_updated_at < this event's`), so two
    /// deliveries processed at once cannot both win: on PostgreSQL the second waits for the
    /// first's row lock and re-checks the condition against what the first wrote. A role left out
    /// means student, so removing a role in Clerk removes it here. For an account not seen yet,
    /// the insert is `ON CONFLICT DO NOTHING`; losing that race to another delivery means the
    /// row now exists, and the conditional update runs once more against it.
    private func upsert(_ change: ProviderAccount, now: Date, _ db: any SQLDatabase) async throws -> AccountSyncOutcome {
        var account = change
        if let email = account.email {
            // Refusing the delivery would only make Svix retry what can never be stored.
            guard let storable = UserQueries.storableEmail(email) else { return .emailUnusable }
            account.email = storable
        }
        if let email = account.email, try await emailTaken(email, bySomeoneOtherThan: account.subject, db) {
            return .emailConflict
        }
        if try await update(account, now: now, db) { return .applied }
        let id = UUID()
        let inserted = try await db.raw("""
            INSERT INTO users (id, clerk_id, email, full_name, avatar_url, is_email_verified, role, clerk_updated_at,
                created_at, updated_at)
            VALUES (\(bind: id), \(bind: account.subject),
                \(bind: account.email ?? PlaceholderEmail.address(for: id)), \(bind: account.fullName),
                \(bind: account.avatarURL), \(bind: account.emailVerified), \(bind: (account.role ?? .student).rawValue),
                \(bind: account.updatedAt), \(bind: account.createdAt), \(bind: now))
            ON CONFLICT DO NOTHING
            RETURNING id
            """).first()
        if inserted != nil { return .applied }
        // The row appeared meanwhile (another delivery, or a first sign-in): apply to it if newer.
        return try await update(account, now: now, db) ? .applied : .stale
    }

    /// The conditional update; true when it changed the row (the account is live and this
    /// change is newer than the one applied).
    private func update(_ account: ProviderAccount, now: Date, _ db: any SQLDatabase) async throws -> Bool {
        try await db.raw("""
            UPDATE users SET email = COALESCE(\(bind: account.email), email), full_name = \(bind: account.fullName),
                avatar_url = \(bind: account.avatarURL), is_email_verified = \(bind: account.emailVerified),
                role = \(bind: (account.role ?? .student).rawValue), clerk_updated_at = \(bind: account.updatedAt),
                updated_at = \(bind: now)
            WHERE clerk_id = \(bind: account.subject) AND deleted_at IS NULL
              AND (clerk_updated_at IS NULL OR clerk_updated_at < \(bind: account.updatedAt))
            RETURNING id
            """).first() != nil
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
        let id = UUID()
        try await db.raw("""
            INSERT INTO users (id, clerk_id, email, is_active, deleted_at, clerk_updated_at, created_at, updated_at)
            VALUES (\(bind: id), \(bind: subject), \(bind: PlaceholderEmail.address(for: id, deleted: true)), \(bind: false),
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
