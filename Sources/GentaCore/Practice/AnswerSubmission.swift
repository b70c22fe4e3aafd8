import Foundation

/// A student's answer as submitted, already validated for shape.
public struct AnswerSubmission: Sendable, Equatable {
    public var questionID: UUID
    public var sessionID: String
    public var response: StudentResponse
    public var timeSpentSeconds: Int
    /// The client's key: a retry with the same key returns the first result and writes nothing.
    public var idempotencyKey: String

    /// Longer than an hour on one question is not a measurement but a tab left open.
    public static let maximumTimeSpentSeconds = 3600

    public init(questionID: UUID, sessionID: String, response: StudentResponse, timeSpentSeconds: Int, idempotencyKey: String) {
        self.questionID = questionID
        self.sessionID = sessionID
        self.response = response
        self.timeSpentSeconds = timeSpentSeconds
        self.idempotencyKey = idempotencyKey
    }
}

/// What answering did: correctness, the key and explanation (now that it was answered), and
/// how the student's ability for the section moved.
public struct AttemptResult: Sendable, Equatable {
    public var id: UUID
    public var questionID: UUID
    public var sessionID: String
    public var section: Section
    public var response: StudentResponse
    public var key: AnswerKey
    public var isCorrect: Bool
    public var explanation: String?
    public var strategyTip: String?
    public var relatedConcept: String?
    public var thetaBefore: Double
    public var thetaAfter: Double
    public var thetaChange: Double
    public var thetaSDAfter: Double
    public var predictedScoreLow: Int
    public var predictedScoreHigh: Int
    public var attemptNumberInSession: Int
    public var timeSpentSeconds: Int
    public var createdAt: Date
    /// A trial (pretest) question: graded and explained, but θ did not move (its parameters are
    /// not known yet).
    public var isPretest: Bool

    public init(
        id: UUID, questionID: UUID, sessionID: String, section: Section, response: StudentResponse,
        key: AnswerKey, isCorrect: Bool, explanation: String?, strategyTip: String?,
        relatedConcept: String?, thetaBefore: Double, thetaAfter: Double, thetaChange: Double,
        thetaSDAfter: Double, predictedScoreLow: Int, predictedScoreHigh: Int,
        attemptNumberInSession: Int, timeSpentSeconds: Int, createdAt: Date, isPretest: Bool = false
    ) {
        self.isPretest = isPretest
        self.id = id
        self.questionID = questionID
        self.sessionID = sessionID
        self.section = section
        self.response = response
        self.key = key
        self.isCorrect = isCorrect
        self.explanation = explanation
        self.strategyTip = strategyTip
        self.relatedConcept = relatedConcept
        self.thetaBefore = thetaBefore
        self.thetaAfter = thetaAfter
        self.thetaChange = thetaChange
        self.thetaSDAfter = thetaSDAfter
        self.predictedScoreLow = predictedScoreLow
        self.predictedScoreHigh = predictedScoreHigh
        self.attemptNumberInSession = attemptNumberInSession
        self.timeSpentSeconds = timeSpentSeconds
        self.createdAt = createdAt
    }
}
