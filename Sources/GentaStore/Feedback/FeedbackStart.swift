import Foundation
import GentaCore

/// How a request for an attempt's feedback begins (`FeedbackQueries.begin`).
public enum FeedbackStart: Sendable, Equatable {
    /// The attempt has feedback already: return it, call nothing.
    case stored(StoredFeedback)
    /// Another request is writing this attempt's feedback right now.
    case inProgress
    /// A model answered the same question, answer, prompt version and language recently: this
    /// answer can be stored for the attempt at no cost (`storeFromCache`).
    case cached(NewFeedback, FeedbackContext)
    /// Nothing yet, and this request has claimed it: write it, then `store` (or `release`).
    case claimed(FeedbackClaim)
}

/// The right to write one attempt's feedback, held in `feedback_claims` until stored or released.
public struct FeedbackClaim: Sendable, Equatable {
    /// Tells this claim from a later one on the same attempt (after this one expired).
    public let token: UUID
    public let context: FeedbackContext
    public let userID: UUID
    /// The practice day whose model allowance this claim holds a place in; nil when the
    /// template is to write (no place was left, or no model is configured).
    public let modelDay: CalendarDate?

    /// Whether a model may write it.
    public var usesModel: Bool { modelDay != nil }
}
