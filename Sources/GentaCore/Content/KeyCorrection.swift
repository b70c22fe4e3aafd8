import Foundation

/// A change of an answered question's key: the answers it regraded and the progress of the
/// replay of the affected students' ability (`key_corrections`).
public struct KeyCorrection: Sendable, Equatable {
    public enum Status: String, Sendable {
        /// Answers are regraded; students' ability, readiness and scores are being recomputed.
        case replaying
        case done
    }

    public var id: UUID
    public var questionID: UUID
    public var fromRevision: Int
    public var toRevision: Int
    public var oldKey: String
    public var newKey: String
    public var correctedBy: UUID?
    public var note: String?
    public var attemptsRegraded: Int
    public var studentsTotal: Int
    public var studentsDone: Int
    public var status: Status
    public var createdAt: Date
    public var finishedAt: Date?

    public init(
        id: UUID, questionID: UUID, fromRevision: Int, toRevision: Int, oldKey: String, newKey: String, correctedBy: UUID?,
        note: String?, attemptsRegraded: Int, studentsTotal: Int, studentsDone: Int, status: Status, createdAt: Date,
        finishedAt: Date?
    ) {
        self.id = id
        self.questionID = questionID
        self.fromRevision = fromRevision
        self.toRevision = toRevision
        self.oldKey = oldKey
        self.newKey = newKey
        self.correctedBy = correctedBy
        self.note = note
        self.attemptsRegraded = attemptsRegraded
        self.studentsTotal = studentsTotal
        self.studentsDone = studentsDone
        self.status = status
        self.createdAt = createdAt
        self.finishedAt = finishedAt
    }
}

/// Something a student is told once: today, that a question they answered was corrected.
public struct StudentNotice: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case keyCorrection = "key_correction"
    }

    public var id: UUID
    public var kind: Kind
    public var questionID: UUID?
    public var correctionID: UUID?
    public var createdAt: Date

    public init(id: UUID, kind: Kind, questionID: UUID?, correctionID: UUID?, createdAt: Date) {
        self.id = id
        self.kind = kind
        self.questionID = questionID
        self.correctionID = correctionID
        self.createdAt = createdAt
    }
}

extension AnswerKey {
    /// The key as a reviewer reads it: `B`, `Benar, Salah, Benar`, or the accepted answers.
    public var summary: String {
        switch self {
        case .choice(let option): option.rawValue
        case .statements(let labels): labels.joined(separator: ", ")
        case .accepted(let answers): answers.joined(separator: " | ")
        }
    }
}
