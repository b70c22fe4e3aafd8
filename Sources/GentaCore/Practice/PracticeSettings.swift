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

    /// A real session is an hour or two (a full UTBK is under 200 questions), so 1,000 answers
    /// never stops a student. The cap bounds the rows behind one session's statistics, and keeps
    /// `attempts.attempt_number_in_session` (SMALLINT, at most 32,767) far from overflowing.
    public static let defaultMaximumAnswersPerSession = 1_000

    public init(
        freeDailyQuestions: Int = 30, recentWindowDays: Int = 7, randomesque: Int = 5,
        scoreScale: ScoreScale = .utbk, ability: AbilityModel = AbilityModel(),
        maximumAnswersPerSession: Int = defaultMaximumAnswersPerSession, pretestEvery: Int = 10
    ) {
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
