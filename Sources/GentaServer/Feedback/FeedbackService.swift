import Foundation
import Metrics
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
///
/// The model call runs between a claim on the attempt (with a place in the day's allowance when
/// one is left) and the statement that stores the result, outside any transaction, so
/// simultaneous requests neither exceed the allowance nor pay twice for one attempt: the second
/// waits for the first.
struct FeedbackService: Sendable {
    let queries: FeedbackQueries
    let chain: FeedbackChain
    let prices: PriceTable
    let limits: FeedbackLimits
    let clock: WallClock
    /// Writes when no model may: past the allowance, or with none configured.
    let templateOnly: FeedbackChain
    /// How long a request waits for another request writing the same attempt's feedback.
    let waitLimit: Duration
    /// Counts each provider call's outcome (`genta_llm_calls_total{provider, outcome}`).
    let metrics: any MetricsFactory
    /// How often a waiting request looks again (a double tap waits at most this much longer
    /// than the first request).
    let pollInterval: Duration = .milliseconds(100)

    struct Result {
        let feedback: StoredFeedback
        /// True when this call created it (201), false when it already existed (200).
        let created: Bool
        /// Why a model did not write it, when that matters to the student.
        let note: String?
    }

    /// - Parameter clientConnected: polled while waiting for another request's feedback: once the
    ///   client has gone, nobody will read the answer and the wait ends.
    func feedback(
        attemptID: UUID, user: UserAccount, language: FeedbackLanguage, clientConnected: @Sendable () async -> Bool = { true }
    ) async throws -> Result {
        let allowance = chain.hasModels ? limits.daily(for: user.tier(at: clock.now())) : 0
        let started = ContinuousClock.now
        while true {
            let start = try await queries.begin(
                attemptID: attemptID, userID: user.id, language: language.rawValue,
                promptVersion: PromptTemplates.version(for: language), modelAllowance: allowance,
                today: PracticeDay.today(clock.now()))
            switch start {
            case .stored(let stored):
                return Result(feedback: stored, created: false, note: nil)
            case .cached(let cached, let context):
                if let stored = try await queries.storeFromCache(cached, context, userID: user.id) {
                    return Result(feedback: stored, created: true, note: nil)
                }
            case .claimed(let claim):
                return try await write(claim, user: user, language: language, allowance: allowance)
            case .inProgress:
                break
            }
            // Someone else is writing it (or just did): look again shortly, within the limit.
            guard ContinuousClock.now - started < waitLimit else {
                throw AppError(.conflict, code: "feedback_in_progress",
                    message: "Feedback on this attempt is still being written; ask again in a few seconds.",
                    retryAfterSeconds: 5)
            }
            guard await clientConnected() else {
                throw AppError(.badRequest, code: "client_disconnected", message: "The client went away while waiting.")
            }
            try await Task.sleep(for: pollInterval)
        }
    }

    /// Writes and stores the claimed feedback; the claim is released if that fails.
    private func write(_ claim: FeedbackClaim, user: UserAccount, language: FeedbackLanguage, allowance: Int) async throws -> Result {
        let request = Self.request(claim.context, language: language)
        let outcome = await (claim.usesModel ? chain : templateOnly).generate(request)
        for step in outcome.steps {
            Counter(label: "genta_llm_calls_total", dimensions: [("provider", step.provider), ("outcome", step.result.metricName)],
                factory: metrics).increment()
        }
        if outcome.usedFallback {
            Counter(label: "genta_llm_calls_total", dimensions: [("provider", "template"), ("outcome", "answered")], factory: metrics)
                .increment()
        }
        let reply = outcome.reply
        let new = NewFeedback(
            text: reply.text, language: language.rawValue, modelUsed: reply.model, promptVersion: outcome.promptVersion,
            generationTimeMs: reply.latency.milliseconds,
            inputTokens: reply.inputTokens, outputTokens: reply.outputTokens,
            costUSD: prices.cost(of: reply).map { NSDecimalNumber(decimal: $0).doubleValue },
            writtenByModel: !outcome.usedFallback)
        let stored: StoredFeedback
        do {
            stored = try await queries.store(new, claim: claim)
        } catch {
            try? await queries.release(claim)  // ok: the store error is the one to report; the claim expires by itself
            throw error
        }
        let limited = allowance > 0 && !claim.usesModel
        return Result(feedback: stored, created: true, note: limited ? Self.allowanceNote(allowance, language) : nil)
    }

    private static func allowanceNote(_ allowance: Int, _ language: FeedbackLanguage) -> String {
        language == .english
            ? "You have used today's \(allowance) AI-written feedbacks; this one was written from the explanation. The allowance resets at midnight WIB."
            : "Jatah \(allowance) umpan balik AI hari ini sudah terpakai; umpan balik ini disusun dari pembahasan soal. Jatah kembali pukul 00.00 WIB."
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

extension ProviderStep.Result {
    /// The outcome as a metric label: answered, failed, circuit_open, budget_spent.
    var metricName: String {
        switch self {
        case .answered: "answered"
        case .failed: "failed"
        case .skippedCircuitOpen: "circuit_open"
        case .skippedBudgetSpent: "budget_spent"
        }
    }
}
