import Foundation
import GentaCore
import IRT
import SQLKit

/// Picks and hands out the next question (replaces seed Query 2, see docs/SCHEMA.md).
///
/// The IRT engine chooses among eligible items — reviewed, unambiguous, not deleted, not served
/// to this student in the recent window — by maximum information at the student's current θ for
/// the section, randomesque among the top k, balancing sub types within the session. Now and
/// then (at most one in `pretestEvery`) a pretest question is served instead, whose answer will
/// not move θ (docs/CALIBRATION.md). An item
/// handed out but not yet answered is handed out again, so refreshing neither skips questions
/// nor spends the daily quota.
public struct NextQuestionQueries: Sendable {
    let database: any Database
    let clock: WallClock
    let settings: PracticeSettings
    /// A fresh seed per pick; tests fix it.
    let seed: @Sendable () -> UInt64

    public init(
        database: any Database, clock: WallClock, settings: PracticeSettings,
        seed: @escaping @Sendable () -> UInt64 = { UInt64.random(in: .min ... .max) }
    ) {
        self.database = database
        self.clock = clock
        self.settings = settings
        self.seed = seed
    }

    public func next(for user: UserAccount, section requested: Section?, sessionID: String) async throws -> ServedQuestion {
        try await database.transaction { db in
            // One pick at a time per student, so concurrent requests cannot overspend the quota.
            try await db.lockUser(user.id)
            let now = clock.now()
            let session = try await SessionRow.find(userID: user.id, sessionID: sessionID, db)
            guard session.endedAt == nil else {
                throw AppError(.conflict, code: "session_ended", message: "This session has ended; start a new one.")
            }
            // A full session could not take the answer, so say so before handing out a question.
            try session.requireRoomForAnswer(maximum: settings.maximumAnswersPerSession)
            let section = try resolveSection(requested: requested, session: session)
            let servedToday = try await servedCount(userID: user.id, since: PracticeDay.start(of: now), db)
            let remaining = user.tier(at: now).isPaid ? nil : max(settings.freeDailyQuestions - servedToday, 0)
            if let pending = try await pendingQuestion(user: user, section: section, sessionID: sessionID, db) {
                var served = try await content(of: pending, user: user, sessionID: sessionID, servedAt: now, db)
                served.remainingToday = remaining
                return served
            }
            if let remaining, remaining == 0 {
                throw Self.quotaExceeded(limit: settings.freeDailyQuestions, now: now)
            }
            try await ReadinessRows.ensure(userID: user.id, targetTheta: nil, now: now, db)
            let ability = try await AbilityRow.read(userID: user.id, section: section, db)
            guard let (questionID, isPretest) = try await choose(
                user: user, section: section, sessionID: sessionID, ability: ability, now: now, db)
            else {
                throw AppError(.notFound, code: "no_questions_available",
                    message: "There are no reviewed questions in \(section.rawValue) yet.")
            }
            try await db.raw("""
                INSERT INTO served_questions (id, user_id, question_id, session_id, section, served_at, is_pretest)
                VALUES (\(bind: UUID()), \(bind: user.id), \(bind: questionID), \(bind: sessionID),
                    \(bind: section.rawValue), \(bind: now), \(bind: isPretest))
                """).run()
            var served = try await content(of: questionID, user: user, sessionID: sessionID, servedAt: now, db)
            served.remainingToday = remaining.map { $0 - 1 }
            return served
        }
    }

    static func quotaExceeded(limit: Int, now: Date) -> AppError {
        let reset = PracticeDay.nextStart(after: now)
        let formatter = ISO8601DateFormatter()
        return AppError(
            .tooManyRequests, code: "daily_limit_reached",
            message: "You have practised your \(limit) free questions for today. The limit resets at midnight WIB (\(formatter.string(from: reset))); premium plans have no daily limit.",
            details: ["resets_at": formatter.string(from: reset), "limit": String(limit)],
            retryAfterSeconds: max(1, Int(reset.timeIntervalSince(now).rounded(.up))))
    }

    private func resolveSection(requested: Section?, session: StudySession) throws -> Section {
        switch (requested, session.section) {
        case (let requested?, let fixed?) where requested != fixed:
            throw AppError(.conflict, code: "section_mismatch",
                message: "Session \(session.id) practises \(fixed.rawValue), not \(requested.rawValue).")
        case (let section?, _), (nil, let section?):
            return section
        case (nil, nil):
            throw AppError(.conflict, code: "section_required",
                message: "Say which subtest to practise: section=\(Section.codeList).")
        }
    }

    private func pendingQuestion(user: UserAccount, section: Section, sessionID: String, _ db: any SQLDatabase) async throws -> UUID? {
        try await db.raw("""
            SELECT s.question_id FROM served_questions s JOIN questions q ON q.id = s.question_id
            WHERE s.session_id = \(bind: sessionID) AND s.user_id = \(bind: user.id) AND s.section = \(bind: section.rawValue)
              AND s.attempt_id IS NULL AND q.deleted_at IS NULL
            ORDER BY s.served_at DESC LIMIT 1
            """).first().map { try $0.decode(column: "question_id", as: UUID.self) }
    }

    private func servedCount(userID: UUID, since: Date, _ db: any SQLDatabase) async throws -> Int {
        try await db.raw("""
            SELECT COUNT(*) AS served FROM served_questions WHERE user_id = \(bind: userID) AND served_at >= \(bind: since)
            """).first()?.decode(column: "served", as: Int.self) ?? 0
    }

    private func choose(
        user: UserAccount, section: Section, sessionID: String, ability: AbilityEstimate, now: Date, _ db: any SQLDatabase
    ) async throws -> (id: UUID, isPretest: Bool)? {
        let recent = now.addingTimeInterval(-Double(settings.recentWindowDays) * 86_400)
        var generator = SeededGenerator(seed: seed())
        let continuing = try await CandidateQueries.samePassage(
            userID: user.id, sessionID: sessionID, section: section, servedSince: recent, db)
        if !continuing.isEmpty {
            // The passage's most informative remaining question; content balance waits until it is done.
            return ItemSelector(criterion: .maximumInformation, randomesque: 1)
                .select(from: continuing, ability: ability, using: &generator).map { ($0.id, false) }
        }
        // Once due, a pretest question: one of the least answered, at random. (Its answer says it
        // was one, so there is nothing to gain by hiding its place.)
        if settings.pretestEvery > 0,
           try await CandidateQueries.pretestDue(userID: user.id, sessionID: sessionID, section: section, every: settings.pretestEvery, db),
           let pretest = try await CandidateQueries.pretest(userID: user.id, section: section, limit: 10, db)
               .randomElement(using: &generator) {
            return (pretest, true)
        }
        var (candidates, exposure) = try await CandidateQueries.fresh(
            userID: user.id, section: section, servedSince: recent, around: ability.mean, db)
        if candidates.count < settings.randomesque {
            (candidates, exposure) = try await CandidateQueries.fresh(userID: user.id, section: section, servedSince: recent, around: nil, db)
        }
        if candidates.isEmpty {
            // Everything was seen recently: serve again what was seen longest ago.
            candidates = try await CandidateQueries.leastRecentlyServed(userID: user.id, section: section, db)
        }
        let administered = try await CandidateQueries.subTypesServed(sessionID: sessionID, section: section, db)
        let subTypes = Set(candidates.compactMap(\.subtype)).union(administered.keys)
        let balance = subTypes.isEmpty ? nil : ContentBalance(
            targets: Dictionary(uniqueKeysWithValues: subTypes.map { ($0, 1 / Double(subTypes.count)) }),
            administered: administered)
        let selector = ItemSelector(
            criterion: .maximumInformation, randomesque: settings.randomesque, exposureControl: settings.exposureControl)
        return selector.select(
            from: candidates, ability: ability, balance: balance, exposureRate: { exposure[$0] ?? 0 }, using: &generator
        ).map { ($0.id, false) }
    }

    private func content(of questionID: UUID, user: UserAccount, sessionID: String, servedAt: Date, _ db: any SQLDatabase) async throws -> ServedQuestion {
        guard let row = try await db.raw("""
            SELECT q.id, q.section, q.sub_type, q.text, \(StoredContent.columns("q")), \(PassageColumns.select)
            FROM questions q LEFT JOIN passages p ON p.id = q.passage_id
            WHERE q.id = \(bind: questionID)
            """).first()
        else { throw AppError(.notFound, code: "question_not_found", message: "That question no longer exists.") }
        return ServedQuestion(
            questionID: questionID, sessionID: sessionID, section: try Section.decode(row, "section"),
            subType: try row.decode(column: "sub_type", as: String?.self),
            text: try row.decode(column: "text", as: String.self), content: try StoredContent.decode(row).served,
            passage: try PassageColumns.decode(row), servedAt: servedAt,
            remainingToday: nil)
    }
}
