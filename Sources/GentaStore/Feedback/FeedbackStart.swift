import Foundation
import GentaCore

/// How a request for an attempt's feedback begins, decided in one transaction under the
/// student's lock (`FeedbackQueries.begin`).
public enum FeedbackStart: Sendable, Equatable {
    /// The attempt has feedback already: return it, call nothing.
    case stored(StoredFeedback)
    /// A model answered the same question, answer, prompt version and language recently; that
    /// answer is now the attempt's feedback, at no cost.
    case fromCache(StoredFeedback)
    /// Another request is writing this attempt's feedback right now.
    case inProgress
    /// This request writes the feedback; `store` or `release` must follow.
    case claimed(FeedbackClaim)
}

/// The right to write one attempt's feedback, held in `feedback_claims` until stored or released.
public struct FeedbackClaim: Sendable, Equatable {
    /// Tells this claim from a later one on the same attempt (after this one expired).
    public let token: UUID
    public let context: FeedbackContext
    /// Whether a model may write it: the student's daily allowance had room, and this claim
    /// holds one of its places.
    public let usesModel: Bool
}
