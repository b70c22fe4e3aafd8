import Foundation

/// A tryout students can sit during its window: one fixed form, the same for everyone, so
/// their scores can be compared.
public struct TryoutEvent: Sendable, Hashable {
    public var id: UUID
    public var name: String
    public var opensAt: Date
    public var closesAt: Date
    public var blocks: [TimedBlock]

    public init(id: UUID, name: String, opensAt: Date, closesAt: Date, blocks: [TimedBlock]) {
        self.id = id
        self.name = name
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.blocks = blocks
    }

    public func isOpen(at now: Date) -> Bool { opensAt <= now && now < closesAt }
    public var totalQuestions: Int { blocks.reduce(0) { $0 + $1.questions } }
    public var totalSeconds: Int { blocks.reduce(0) { $0 + $1.seconds } }
}

/// An event as a student sees it in the list, with their own sitting if they have one.
public struct TryoutListing: Sendable {
    public var event: TryoutEvent
    public var sittingID: UUID?
    public var sittingFinished: Bool

    public init(event: TryoutEvent, sittingID: UUID?, sittingFinished: Bool) {
        self.event = event
        self.sittingID = sittingID
        self.sittingFinished = sittingFinished
    }
}

/// Where a sitting stands, as the server's clock has it.
public struct SittingState: Sendable {
    public var id: UUID
    public var event: TryoutEvent
    public var startedAt: Date
    public var finishedAt: Date?
    public var timeline: SittingTimeline
    /// Questions with a saved answer, per block position.
    public var answeredPerBlock: [Int: Int]
    /// Present once the sitting is over.
    public var result: SittingResult?

    public init(
        id: UUID, event: TryoutEvent, startedAt: Date, finishedAt: Date?, timeline: SittingTimeline,
        answeredPerBlock: [Int: Int], result: SittingResult?
    ) {
        self.id = id
        self.event = event
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.timeline = timeline
        self.answeredPerBlock = answeredPerBlock
        self.result = result
    }
}

/// One question of a block as the student sees it during the sitting: no key, their saved
/// answer and flag.
public struct BlockQuestion: Sendable {
    public var questionID: UUID
    public var number: Int
    public var section: Section
    public var subType: String?
    public var text: String
    public var content: ServedContent
    public var passageID: UUID?
    public var response: StudentResponse?
    public var isUnsure: Bool
    public var timeSpentSeconds: Int

    public init(
        questionID: UUID, number: Int, section: Section, subType: String?, text: String, content: ServedContent,
        passageID: UUID?, response: StudentResponse?, isUnsure: Bool, timeSpentSeconds: Int
    ) {
        self.questionID = questionID
        self.number = number
        self.section = section
        self.subType = subType
        self.text = text
        self.content = content
        self.passageID = passageID
        self.response = response
        self.isUnsure = isUnsure
        self.timeSpentSeconds = timeSpentSeconds
    }
}

/// The open block with its questions; each passage appears once.
public struct OpenBlock: Sendable {
    public var state: SittingState
    public var position: Int
    public var questions: [BlockQuestion]
    public var passages: [Passage]

    public init(state: SittingState, position: Int, questions: [BlockQuestion], passages: [Passage]) {
        self.state = state
        self.position = position
        self.questions = questions
        self.passages = passages
    }
}

/// What a student saves for one question: an answer (or none, to clear it) and the flag.
public struct TryoutAnswer: Sendable, Equatable {
    public var response: StudentResponse?
    public var isUnsure: Bool
    public var timeSpentSeconds: Int

    public init(response: StudentResponse?, isUnsure: Bool, timeSpentSeconds: Int) {
        self.response = response
        self.isUnsure = isUnsure
        self.timeSpentSeconds = timeSpentSeconds
    }
}

/// A subtest's score in a finished sitting.
public struct SubtestScore: Sendable, Hashable {
    public var section: Section
    public var theta: Double
    public var standardError: Double
    public var score: Double
    public var scoreLow: Double
    public var scoreHigh: Double
    public var correct: Int
    public var wrong: Int
    public var blank: Int
    public var timeSpentSeconds: Int
    /// Share of the event's sitters scoring below (ties count half), 0–100; nil until enough
    /// have sat.
    public var percentile: Double?

    public init(
        section: Section, theta: Double, standardError: Double, score: Double, scoreLow: Double, scoreHigh: Double,
        correct: Int, wrong: Int, blank: Int, timeSpentSeconds: Int, percentile: Double? = nil
    ) {
        self.section = section
        self.theta = theta
        self.standardError = standardError
        self.score = score
        self.scoreLow = scoreLow
        self.scoreHigh = scoreHigh
        self.correct = correct
        self.wrong = wrong
        self.blank = blank
        self.timeSpentSeconds = timeSpentSeconds
        self.percentile = percentile
    }

    public var answered: Int { correct + wrong }
}

/// The scores of a finished sitting.
public struct SittingResult: Sendable {
    public var subtests: [SubtestScore]
    public var overallScore: Double
    public var overallPercentile: Double?
    /// Finished sittings of the event, this one included.
    public var sitters: Int

    public init(subtests: [SubtestScore], overallScore: Double, overallPercentile: Double?, sitters: Int) {
        self.subtests = subtests
        self.overallScore = overallScore
        self.overallPercentile = overallPercentile
        self.sitters = sitters
    }
}

/// One question after the sitting: the student's answer, the key and the explanation.
public struct ReviewItem: Sendable {
    public var question: BlockQuestion
    public var blockPosition: Int
    public var key: AnswerKey
    public var isCorrect: Bool
    public var explanation: String?
    public var passage: Passage?

    public init(question: BlockQuestion, blockPosition: Int, key: AnswerKey, isCorrect: Bool, explanation: String?, passage: Passage?) {
        self.question = question
        self.blockPosition = blockPosition
        self.key = key
        self.isCorrect = isCorrect
        self.explanation = explanation
        self.passage = passage
    }
}

/// A finished or running sitting in the student's history.
public struct SittingSummary: Sendable {
    public var id: UUID
    public var eventID: UUID
    public var eventName: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var overallScore: Double?
    public var subtests: [SubtestScore]

    public init(id: UUID, eventID: UUID, eventName: String, startedAt: Date, finishedAt: Date?, overallScore: Double?, subtests: [SubtestScore]) {
        self.id = id
        self.eventID = eventID
        self.eventName = eventName
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.overallScore = overallScore
        self.subtests = subtests
    }
}

/// An answer as the server saved it, with the deadline it was saved against.
public struct SavedTryoutAnswer: Sendable {
    public var questionID: UUID
    public var blockPosition: Int
    public var answer: TryoutAnswer
    public var savedAt: Date
    public var deadline: Date

    public init(questionID: UUID, blockPosition: Int, answer: TryoutAnswer, savedAt: Date, deadline: Date) {
        self.questionID = questionID
        self.blockPosition = blockPosition
        self.answer = answer
        self.savedAt = savedAt
        self.deadline = deadline
    }
}
