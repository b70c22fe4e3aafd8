/// The 3PL parameters of a question as stored with it.
///
/// Kept separate from `IRT.ItemParameters` so the bank format does not depend on the engine's
/// representation; the ranges are the ones the schema's column types and the engine accept.
public struct ItemCalibration: Sendable, Hashable, Codable {
    /// Difficulty `b` (the seed's `difficulty_irt`).
    public var difficulty: Double
    /// Discrimination `a`.
    public var discrimination: Double
    /// Lower asymptote `c` (pseudo-guessing).
    public var guessing: Double
    /// A pretest question: its parameters are a guess until `recalibrate` estimates them from
    /// students' answers (docs/CALIBRATION.md); the row format's `calibration_status`.
    public var isPretest: Bool

    public static let difficultyRange: ClosedRange<Double> = -4...4
    public static let discriminationRange: ClosedRange<Double> = 0.1...4
    public static let guessingRange: ClosedRange<Double> = 0...0.5

    public init(difficulty: Double, discrimination: Double, guessing: Double, isPretest: Bool = false) {
        self.difficulty = difficulty
        self.discrimination = discrimination
        self.guessing = guessing
        self.isPretest = isPretest
    }

    /// Rounded as the schema keeps them (PostgreSQL: `b` to 2 decimals, `a` and `c` to 3), so
    /// what was imported equals what is read back and a re-import finds nothing changed.
    public var asStored: ItemCalibration {
        ItemCalibration(
            difficulty: (difficulty * 100).rounded() / 100, discrimination: (discrimination * 1000).rounded() / 1000,
            guessing: (guessing * 1000).rounded() / 1000, isPretest: isPretest)
    }
}

extension ItemCalibration {
    /// `questions.calibration_status` values.
    public static let operational = "operational"
    public static let pretest = "pretest"

    /// The `calibration_status` column's value.
    public var status: String { isPretest ? Self.pretest : Self.operational }
}
