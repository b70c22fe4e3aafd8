import Foundation

/// Feedback on one attempt, as stored (`attempt_feedback`).
public struct StoredFeedback: Sendable, Equatable {
    public var id: UUID
    public var attemptID: UUID
    public var text: String
    public var language: String
    public var modelUsed: String
    public var promptVersion: String?
    public var generationTimeMs: Int?
    public var inputTokens: Int?
    public var outputTokens: Int?
    public var costUSD: Double?
    public var cacheHit: Bool
    public var isHelpful: Bool?
    public var createdAt: Date

    public init(
        id: UUID, attemptID: UUID, text: String, language: String, modelUsed: String, promptVersion: String?,
        generationTimeMs: Int?, inputTokens: Int?, outputTokens: Int?, costUSD: Double?, cacheHit: Bool,
        isHelpful: Bool?, createdAt: Date
    ) {
        self.id = id
        self.attemptID = attemptID
        self.text = text
        self.language = language
        self.modelUsed = modelUsed
        self.promptVersion = promptVersion
        self.generationTimeMs = generationTimeMs
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costUSD = costUSD
        self.cacheHit = cacheHit
        self.isHelpful = isHelpful
        self.createdAt = createdAt
    }
}

/// Feedback just written, to be stored with its attempt (and cached when a model wrote it).
public struct NewFeedback: Sendable, Equatable {
    public var text: String
    public var language: String
    public var modelUsed: String
    public var promptVersion: String
    public var generationTimeMs: Int
    public var inputTokens: Int?
    public var outputTokens: Int?
    public var costUSD: Double?
    /// Written by a model, not the template: worth caching, and it used a place in the
    /// student's model allowance.
    public var writtenByModel: Bool

    public init(
        text: String, language: String, modelUsed: String, promptVersion: String, generationTimeMs: Int,
        inputTokens: Int?, outputTokens: Int?, costUSD: Double?, writtenByModel: Bool
    ) {
        self.text = text
        self.language = language
        self.modelUsed = modelUsed
        self.promptVersion = promptVersion
        self.generationTimeMs = generationTimeMs
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costUSD = costUSD
        self.writtenByModel = writtenByModel
    }
}

/// What feedback on an attempt needs to know: the question and answer, now answered.
public struct FeedbackContext: Sendable, Equatable {
    public var attemptID: UUID
    public var questionID: UUID
    public var questionText: String
    public var options: [AnswerOption: String]
    public var selectedAnswer: AnswerOption
    public var correctAnswer: AnswerOption
    public var explanation: String?
    public var explanationEnglish: String?
    public var strategyTip: String?
    public var relatedConcept: String?
    public var section: Section
    public var subType: String?
    public var thetaAfter: Double

    public init(
        attemptID: UUID, questionID: UUID, questionText: String, options: [AnswerOption: String],
        selectedAnswer: AnswerOption, correctAnswer: AnswerOption, explanation: String?, explanationEnglish: String?,
        strategyTip: String?, relatedConcept: String?, section: Section, subType: String?, thetaAfter: Double
    ) {
        self.attemptID = attemptID
        self.questionID = questionID
        self.questionText = questionText
        self.options = options
        self.selectedAnswer = selectedAnswer
        self.correctAnswer = correctAnswer
        self.explanation = explanation
        self.explanationEnglish = explanationEnglish
        self.strategyTip = strategyTip
        self.relatedConcept = relatedConcept
        self.section = section
        self.subType = subType
        self.thetaAfter = thetaAfter
    }
}
