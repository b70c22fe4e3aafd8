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

    public init(
        freeDailyQuestions: Int = 30, recentWindowDays: Int = 7, randomesque: Int = 5,
        scoreScale: ScoreScale = .utbk, ability: AbilityModel = AbilityModel()
    ) {
        self.freeDailyQuestions = freeDailyQuestions
        self.recentWindowDays = recentWindowDays
        self.randomesque = randomesque
        self.scoreScale = scoreScale
        self.ability = ability
    }
}
