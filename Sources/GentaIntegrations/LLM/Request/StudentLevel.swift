/// A coarse label for a student's ability in one section, so that feedback can pitch its
/// explanation: step by step for a beginner, about traps and speed for an advanced student.
///
/// Three bands of θ (the IRT ability on the standard normal scale the IRT module uses), cut at
/// ±0.5: on a scale where students are roughly N(0, 1) that puts about 31 % / 38 % / 31 % of
/// them in each band, and on the score scale 500 + 100·θ the cuts fall at 450 and 550. The
/// cuts are a judgement, not a measurement: a label only steers the tone of the feedback.
public enum StudentLevel: String, Sendable, Hashable, CaseIterable, Codable {
    /// θ below −0.5.
    case beginner
    /// θ from −0.5 up to (not including) 0.5.
    case intermediate
    /// θ of 0.5 or more.
    case advanced

    /// θ at or above which a student is no longer a beginner.
    public static let intermediateFrom = -0.5
    /// θ at or above which a student is advanced.
    public static let advancedFrom = 0.5

    /// The band that `theta` falls in; a non-finite θ (no estimate yet) counts as intermediate,
    /// the band of the prior mean.
    public init(theta: Double) {
        guard theta.isFinite else {
            self = .intermediate
            return
        }
        if theta < Self.intermediateFrom {
            self = .beginner
        } else if theta < Self.advancedFrom {
            self = .intermediate
        } else {
            self = .advanced
        }
    }

    /// The short label shown to the model and to the student: "pemula", "menengah", "mahir" in
    /// Indonesian; "beginner", "intermediate", "advanced" in English.
    public func label(in language: FeedbackLanguage) -> String {
        switch (self, language) {
        case (.beginner, .indonesian): "pemula"
        case (.intermediate, .indonesian): "menengah"
        case (.advanced, .indonesian): "mahir"
        case (.beginner, .english): "beginner"
        case (.intermediate, .english): "intermediate"
        case (.advanced, .english): "advanced"
        }
    }
}
