import Foundation
import GentaCore
import IRT
import SQLKit

/// Accounts: created on first sign-in, profiles and onboarding goals.
public struct UserQueries: Sendable {
    let database: any Database
    let clock: WallClock
    let scale: ScoreScale

    public init(database: any Database, clock: WallClock, scale: ScoreScale = .utbk) {
        self.database = database
        self.clock = clock
        self.scale = scale
    }

    /// Sign-in only refreshes `last_login` when it is older than this, so reads stay reads.
    static let lastLoginResolution: TimeInterval = 3600

    /// The account of a verified identity, created on its first request.
    ///
    /// The token decides the role on every request, and a token without one means student: a
    /// role removed in Clerk is gone on the next request instead of sticking (docs/AUTH.md).
    /// Safe under concurrent first requests: the insert is `ON CONFLICT DO NOTHING` and the row
    /// is read back. Soft-deleted accounts are refused.
    public func resolve(_ identity: SignInIdentity) async throws -> UserAccount {
        let now = clock.now()
        let role = identity.role ?? .student
        // Nearly every request is by a known account with nothing to record: a plain read.
        let known = try await database.withConnection { db in try await find(subject: identity.subject, db) }
        if let known, role == known.role,
            let lastLogin = known.lastLogin, now.timeIntervalSince(lastLogin) <= Self.lastLoginResolution
        {
            return known
        }
        return try await database.transaction { db in
            if var account = try await find(subject: identity.subject, db) {
                if role != account.role {
                    try await db.raw("UPDATE users SET role = \(bind: role.rawValue), updated_at = \(bind: now) WHERE id = \(bind: account.id)").run()
                    account.role = role
                }
                if account.lastLogin.map({ now.timeIntervalSince($0) > Self.lastLoginResolution }) ?? true {
                    try await db.raw("UPDATE users SET last_login = \(bind: now) WHERE id = \(bind: account.id)").run()
                    account.lastLogin = now
                }
                return account
            }
            if try await isDeleted(subject: identity.subject, db) {
                throw AppError(.forbidden, code: "account_deleted", message: "This account has been deleted.")
            }
            // Clerk session tokens carry no e-mail by default (nor one we could store, if it
            // is too long): the webhook fills it in later. A name is kept as far as it fits.
            let verifiedEmail = identity.email.flatMap(Self.storableEmail)
            let id = UUID()
            let email = verifiedEmail ?? PlaceholderEmail.address(for: id)
            let name = identity.fullName.flatMap { DatabaseText.fitting($0, maximum: UserColumnLimits.fullName) }
            try await db.raw("""
                INSERT INTO users (id, clerk_id, email, full_name, role, is_email_verified, last_login, created_at, updated_at)
                VALUES (\(bind: id), \(bind: identity.subject), \(bind: email), \(bind: name),
                    \(bind: role.rawValue), \(bind: verifiedEmail != nil), \(bind: now),
                    \(bind: now), \(bind: now))
                ON CONFLICT DO NOTHING
                """).run()
            guard let account = try await find(subject: identity.subject, db) else {
                throw AppError(
                    .conflict, code: "email_in_use",
                    message: "Another account already uses the e-mail address \(email).")
            }
            return account
        }
    }

    /// The live account with this id.
    public func account(id: UUID) async throws -> UserAccount {
        try await database.withConnection { db in
            guard let row = try await db.raw("SELECT \(UserRow.columns) FROM users WHERE id = \(bind: id) AND deleted_at IS NULL").first()
            else { throw AppError(.notFound, code: "user_not_found", message: "No such account.") }
            return try UserRow.decode(row)
        }
    }

    /// Applies a profile change; a new target score moves every section's target θ with it.
    public func update(_ id: UUID, _ change: ProfileChange) async throws -> UserAccount {
        let now = clock.now()
        try await database.transaction { db in
            try await db.raw("""
                UPDATE users SET
                    full_name = COALESCE(\(bind: change.fullName), full_name),
                    target_ptn = COALESCE(\(bind: change.targetPTN), target_ptn),
                    target_score = COALESCE(\(bind: change.targetScore), target_score),
                    exam_date = COALESCE(\(CalendarDateExpression(change.examDate)), exam_date),
                    study_hours_per_week = COALESCE(\(bind: change.studyHoursPerWeek), study_hours_per_week),
                    updated_at = \(bind: now)
                WHERE id = \(bind: id)
                """).run()
            if let score = change.targetScore {
                try await db.raw("""
                    UPDATE user_readiness SET target_theta = \(bind: scale.theta(score: Double(score)))
                    WHERE user_id = \(bind: id)
                    """).run()
            }
        }
        return try await account(id: id)
    }

    /// Seed Query 0: saves the goals and creates the three readiness rows. Running it again
    /// updates the goals and leaves existing readiness alone.
    public func completeOnboarding(_ id: UUID, _ goals: OnboardingGoals) async throws -> UserAccount {
        let now = clock.now()
        let targetTheta = scale.theta(score: Double(goals.targetScore))
        try await database.transaction { db in
            try await db.raw("""
                UPDATE users SET target_ptn = \(bind: goals.targetPTN), target_score = \(bind: goals.targetScore),
                    exam_date = \(CalendarDateExpression(goals.examDate)),
                    study_hours_per_week = \(bind: goals.studyHoursPerWeek), onboarding_completed = \(bind: true),
                    updated_at = \(bind: now)
                WHERE id = \(bind: id)
                """).run()
            try await ReadinessRows.ensure(userID: id, targetTheta: targetTheta, now: now, db)
            try await db.raw("UPDATE user_readiness SET target_theta = \(bind: targetTheta) WHERE user_id = \(bind: id)").run()
        }
        return try await account(id: id)
    }

    /// The address as the `email` column can hold it, or nil (too long, or a control character).
    static func storableEmail(_ email: String) -> String? {
        guard case .success(let email) = DatabaseText.checked(email, maximum: UserColumnLimits.email) else { return nil }
        return email
    }

    private func find(subject: String, _ db: any SQLDatabase) async throws -> UserAccount? {
        try await db.raw("SELECT \(UserRow.columns) FROM users WHERE clerk_id = \(bind: subject) AND deleted_at IS NULL")
            .first().map(UserRow.decode)
    }

    private func isDeleted(subject: String, _ db: any SQLDatabase) async throws -> Bool {
        try await db.raw("SELECT 1 AS gone FROM users WHERE clerk_id = \(bind: subject) AND deleted_at IS NOT NULL").first() != nil
    }
}
