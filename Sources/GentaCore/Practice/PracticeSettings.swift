import IRT

/// Tunable rules of the practice loop, from configuration.
public struct PracticeSettings: Sendable {
    /// Questions a free user may be served per practice day.
    public var freeDailyQuestions: Int
    /// Questions answered within this many days are not served again while others remain.
    public var recentWindowDays: Int
    /// Randomesque exposure control: the next item is drawn from the k most informative.
    public var randomesque: Int
    public var scoreScale: ScoreScale
    public var ability: AbilityModel
    /// Answers one session takes before it is full (`409 session_full`); see the default.
    public var maximumAnswersPerSession: Int
    /// At most one pretest question in this many served questions of a session and subtest
    /// (0: pretest questions are never served).
    public var pretestEvery: Int
    /// Questions whose exposure rate reached the limit are held back while others qualify
    /// (docs/IRT.md, "Exposure control"); nil serves by information alone.
    public var exposureControl: ExposureControl?

    /// A real session is an hour or two (a full UTBK is under 200 questions), so 1,000 answers
    /// never stops a student. The cap bounds the rows behind one session's statistics, and keeps
    /// `attempts.attempt_number_in_session` (SMALLINT, at most 32,767) far from overflowing.
    public static let defaultMaximumAnswersPerSession = 1_000

    public init(
        freeDailyQuestions: Int = 30, recentWindowDays: Int = 7, randomesque: Int = 5,
        scoreScale: ScoreScale = .utbk, ability: AbilityModel = AbilityModel(),
        maximumAnswersPerSession: Int = defaultMaximumAnswersPerSession, pretestEvery: Int = 10,
        exposureControl: ExposureControl? = nil
    ) {
        self.exposureControl = exposureControl
        self.pretestEvery = max(pretestEvery, 0)
        self.freeDailyQuestions = freeDailyQuestions
        self.recentWindowDays = recentWindowDays
        self.randomesque = randomesque
        // Never above what attempt_number_in_session can hold, whatever a caller asks for.
        self.maximumAnswersPerSession = min(max(maximumAnswersPerSession, 1), Int(Int16.max))
        self.scoreScale = scoreScale
        self.ability = ability
    }
}

extension PracticeSettings {
    /// Exposure control at `maximumPercent` % (1–100); nil for 0 or anything outside.
    public static func exposureControl(maximumPercent: Int) -> ExposureControl? {
        guard (1...100).contains(maximumPercent) else { return nil }
        do {
            return try ExposureControl(maxRate: Double(maximumPercent) / 100)
        } catch {
            // Unreachable: every rate from 0.01 to 1 is in (0, 1], all ExposureControl asks.
            preconditionFailure("exposure rate \(maximumPercent) % refused: \(error)")
        }
    }
}
