/// The language feedback is written in; stored as `attempt_feedback.feedback_lang`.
public enum FeedbackLanguage: String, Sendable, Hashable, CaseIterable, Codable {
    /// Bahasa Indonesia: the default, the language of the exam.
    case indonesian = "id"
    /// For students who asked for English.
    case english = "en"
}
