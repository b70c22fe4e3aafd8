import Foundation

/// Seed Query 4: what happened in a session — totals over every answer, and one page of the
/// answers themselves in the order they were given.
///
/// The totals are computed by the database over the whole session, so they do not change with
/// the page shown; the page is bounded so a long session never becomes one huge response.
public struct SessionStatistics: Sendable, Equatable {
    public struct Answer: Sendable, Equatable {
        public var attemptID: UUID
        public var questionID: UUID
        public var section: Section
        public var response: StudentResponse
        public var key: AnswerKey
        public var isCorrect: Bool
        public var timeSpentSeconds: Int
        public var attemptNumber: Int

        public init(
            attemptID: UUID, questionID: UUID, section: Section, response: StudentResponse,
            key: AnswerKey, isCorrect: Bool, timeSpentSeconds: Int, attemptNumber: Int
        ) {
            self.attemptID = attemptID
            self.questionID = questionID
            self.section = section
            self.response = response
            self.key = key
            self.isCorrect = isCorrect
            self.timeSpentSeconds = timeSpentSeconds
            self.attemptNumber = attemptNumber
        }
    }

    /// Sums over every answer of the session.
    public struct Totals: Sendable, Equatable {
        public var answers: Int
        public var correct: Int
        public var timeSpentSeconds: Int
        public var minimumTimeSeconds: Int?
        public var maximumTimeSeconds: Int?

        public init(answers: Int, correct: Int, timeSpentSeconds: Int, minimumTimeSeconds: Int?, maximumTimeSeconds: Int?) {
            self.answers = answers
            self.correct = correct
            self.timeSpentSeconds = timeSpentSeconds
            self.minimumTimeSeconds = minimumTimeSeconds
            self.maximumTimeSeconds = maximumTimeSeconds
        }
    }

    public var session: StudySession
    public var totals: Totals
    /// One page of answers, by attempt number.
    public var answers: [Answer]
    /// Where the next page starts (the last answer shown); nil on the last page.
    public var next: PageCursor?

    public init(session: StudySession, totals: Totals, answers: [Answer], next: PageCursor? = nil) {
        self.session = session
        self.totals = totals
        self.answers = answers
        self.next = next
    }

    public var totalQuestions: Int { totals.answers }
    public var correctCount: Int { totals.correct }
    /// Percentage 0–100 with two decimals, as the seed's query reports it; nil when empty.
    public var accuracyPercentage: Double? {
        totals.answers == 0 ? nil : (10_000 * Double(totals.correct) / Double(totals.answers)).rounded() / 100
    }
    public var averageTimeSeconds: Double? {
        totals.answers == 0 ? nil : Double(totals.timeSpentSeconds) / Double(totals.answers)
    }
    public var minimumTimeSeconds: Int? { totals.minimumTimeSeconds }
    public var maximumTimeSeconds: Int? { totals.maximumTimeSeconds }
}
