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

extension StudySession {
    /// Refuses another answer once the session holds `maximum` (`PracticeSettings`): a 409 that
    /// tells the student what to do, rather than a session that grows without end.
    public func requireRoomForAnswer(maximum: Int) throws {
        guard questionsAttempted >= maximum else { return }
        throw AppError(
            .conflict, code: "session_full",
            message: "This session already holds its maximum of \(maximum) answers. End it and start a new session (POST /api/v1/sessions) to keep practising.",
            details: ["limit": String(maximum)])
    }
}
