import Foundation
import GentaCore
import GentaIntegrations
import GentaStore

/// How much model-written feedback each tier gets per practice day; beyond it the template
/// writes (with a note), so a student always gets feedback.
public struct FeedbackLimits: Sendable, Equatable {
    public var freeDaily: Int
    public var premiumDaily: Int

    public init(freeDaily: Int = 5, premiumDaily: Int = 100) {
        self.freeDaily = freeDaily
        self.premiumDaily = premiumDaily
    }

    func daily(for tier: SubscriptionTier) -> Int { tier.isPaid ? premiumDaily : freeDaily }
}

/// Feedback on an attempt: stored feedback first, then the cache, then a model (within the
/// tier's daily allowance) or the template.
struct FeedbackService: Sendable {
    let queries: FeedbackQueries
    let chain: FeedbackChain
    let prices: PriceTable
    let limits: FeedbackLimits
    let clock: WallClock

    struct Result {
        let feedback: StoredFeedback
        /// True when this call created it (201), false when it already existed (200).
        let created: Bool
        /// Why a model did not write it, when that matters to the student.
        let note: String?
    }

    func feedback(attemptID: UUID, user: UserAccount, language: FeedbackLanguage) async throws -> Result {
        if let stored = try await queries.existing(attemptID: attemptID, userID: user.id) {
            return Result(feedback: stored, created: false, note: nil)
        }
        let context = try await queries.context(attemptID: attemptID, userID: user.id)
        let request = Self.request(context, language: language)
        let promptVersion = PromptTemplates.prompt(for: request).version
        if let cached = try await queries.cached(
            questionID: context.questionID, answer: context.selectedAnswer, promptVersion: promptVersion,
            language: language.rawValue)
        {
            let stored = try await queries.store(cached, for: context, userID: user.id, cacheHit: true)
            return Result(feedback: stored, created: true, note: nil)
        }
        let used = try await queries.modelFeedbackCount(userID: user.id, since: PracticeDay.start(of: clock.now()))
        let allowance = limits.daily(for: user.subscriptionTier)
        let outcome: FeedbackOutcome
        var note: String?
        if used >= allowance {
            outcome = await FeedbackChain(providers: [], clock: clock).generate(request)
            note = language == .english
                ? "You have used today's \(allowance) AI-written feedbacks; this one was written from the explanation. The allowance resets at midnight WIB."
                : "Jatah \(allowance) umpan balik AI hari ini sudah terpakai; umpan balik ini disusun dari pembahasan soal. Jatah kembali pukul 00.00 WIB."
        } else {
            outcome = await chain.generate(request)
        }
        let reply = outcome.reply
        let new = NewFeedback(
            text: reply.text, language: language.rawValue, modelUsed: reply.model, promptVersion: outcome.promptVersion,
            generationTimeMs: Int(reply.latency.components.seconds * 1000 + reply.latency.components.attoseconds / 1_000_000_000_000_000),
            inputTokens: reply.inputTokens, outputTokens: reply.outputTokens,
            costUSD: prices.cost(of: reply).map { NSDecimalNumber(decimal: $0).doubleValue },
            cacheable: !outcome.usedFallback)
        let stored = try await queries.store(new, for: context, userID: user.id, cacheHit: false)
        return Result(feedback: stored, created: true, note: note)
    }

    static func request(_ context: FeedbackContext, language: FeedbackLanguage) -> FeedbackRequest {
        FeedbackRequest(
            questionText: context.questionText, options: context.options, studentAnswer: context.selectedAnswer,
            correctAnswer: context.correctAnswer,
            explanation: language == .english ? (context.explanationEnglish ?? context.explanation) : context.explanation,
            strategyTip: context.strategyTip, relatedConcept: context.relatedConcept, section: context.section,
            subType: context.subType, theta: context.thetaAfter, language: language)
    }
}
