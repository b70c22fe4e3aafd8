import Foundation

/// One answered question in a student's history (the mistake book filters it).
public struct HistoryEntry: Sendable, Equatable {
    public var attemptID: UUID
    public var questionID: UUID
    public var section: Section
    public var subType: String?
    public var questionText: String
    public var options: [AnswerOption: String]
    public var selectedAnswer: AnswerOption
    public var correctAnswer: AnswerOption
    public var isCorrect: Bool
    public var explanation: String?
    public var timeSpentSeconds: Int
    public var createdAt: Date

    public init(
        attemptID: UUID, questionID: UUID, section: Section, subType: String?, questionText: String,
        options: [AnswerOption: String], selectedAnswer: AnswerOption, correctAnswer: AnswerOption,
        isCorrect: Bool, explanation: String?, timeSpentSeconds: Int, createdAt: Date
    ) {
        self.attemptID = attemptID
        self.questionID = questionID
        self.section = section
        self.subType = subType
        self.questionText = questionText
        self.options = options
        self.selectedAnswer = selectedAnswer
        self.correctAnswer = correctAnswer
        self.isCorrect = isCorrect
        self.explanation = explanation
        self.timeSpentSeconds = timeSpentSeconds
        self.createdAt = createdAt
    }
}

/// An opaque position in a newest-first list: the last item's time and id.
public struct HistoryCursor: Sendable, Equatable {
    public var createdAt: Date
    public var attemptID: UUID

    public init(createdAt: Date, attemptID: UUID) {
        self.createdAt = createdAt
        self.attemptID = attemptID
    }

    /// URL-safe text; the time is written in full precision so the position is exact.
    public var token: String {
        Data("\(createdAt.timeIntervalSince1970)|\(attemptID.uuidString)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public init?(token: String) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: "|")
        guard parts.count == 2, let seconds = Double(parts[0]), seconds.isFinite, let id = UUID(uuidString: String(parts[1]))
        else { return nil }
        self.init(createdAt: Date(timeIntervalSince1970: seconds), attemptID: id)
    }
}
