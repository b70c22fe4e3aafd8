import Foundation

/// A study session (seed `user_study_sessions`): a run of practice, optionally in one section.
public struct StudySession: Sendable, Equatable {
    public var id: String
    public var section: Section?
    public var startedAt: Date
    public var endedAt: Date?
    public var durationMinutes: Int?
    public var questionsAttempted: Int
    public var questionsCorrect: Int
    /// Fraction 0–1; nil before the first answer.
    public var accuracy: Double?

    public init(
        id: String, section: Section?, startedAt: Date, endedAt: Date?, durationMinutes: Int?,
        questionsAttempted: Int, questionsCorrect: Int, accuracy: Double?
    ) {
        self.id = id
        self.section = section
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.durationMinutes = durationMinutes
        self.questionsAttempted = questionsAttempted
        self.questionsCorrect = questionsCorrect
        self.accuracy = accuracy
    }
}

/// Seed Query 4: what happened in a session.
public struct SessionStatistics: Sendable, Equatable {
    public struct Answer: Sendable, Equatable {
        public var attemptID: UUID
        public var questionID: UUID
        public var section: Section
        public var selectedAnswer: AnswerOption
        public var correctAnswer: AnswerOption
        public var isCorrect: Bool
        public var timeSpentSeconds: Int
        public var attemptNumber: Int

        public init(
            attemptID: UUID, questionID: UUID, section: Section, selectedAnswer: AnswerOption,
            correctAnswer: AnswerOption, isCorrect: Bool, timeSpentSeconds: Int, attemptNumber: Int
        ) {
            self.attemptID = attemptID
            self.questionID = questionID
            self.section = section
            self.selectedAnswer = selectedAnswer
            self.correctAnswer = correctAnswer
            self.isCorrect = isCorrect
            self.timeSpentSeconds = timeSpentSeconds
            self.attemptNumber = attemptNumber
        }
    }

    public var session: StudySession
    public var answers: [Answer]

    public init(session: StudySession, answers: [Answer]) {
        self.session = session
        self.answers = answers
    }

    public var totalQuestions: Int { answers.count }
    public var correctCount: Int { answers.filter(\.isCorrect).count }
    /// Percentage 0–100 with two decimals, as the seed's query reports it; nil when empty.
    public var accuracyPercentage: Double? {
        answers.isEmpty ? nil : (10_000 * Double(correctCount) / Double(totalQuestions)).rounded() / 100
    }
    public var averageTimeSeconds: Double? {
        answers.isEmpty ? nil : Double(answers.map(\.timeSpentSeconds).reduce(0, +)) / Double(totalQuestions)
    }
    public var minimumTimeSeconds: Int? { answers.map(\.timeSpentSeconds).min() }
    public var maximumTimeSeconds: Int? { answers.map(\.timeSpentSeconds).max() }
}
