/// One numbered, reversible schema change, written in raw SQL for each dialect.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    let up: [Dialect: [String]]
    let down: [Dialect: [String]]
    /// SQLite definition edits applied after the `up` statements; their reversal (and
    /// `sqliteDownEdits`) run before the `down` statements.
    let sqliteEdits: [SQLiteSchemaEdit]
    let sqliteDownEdits: [SQLiteSchemaEdit]

    func statements(_ direction: Direction, for dialect: Dialect) -> [String] {
        (direction == .up ? up : down)[dialect] ?? []
    }

    enum Direction { case up, down }

    /// A migration whose statements are the same on both dialects and that cannot be reverted
    /// (data fixes, tests).
    public init(version: Int, name: String, statements: [String]) {
        self.init(
            version: version, name: name, up: [.postgres: statements, .sqlite: statements], down: [:])
    }

    init(
        version: Int, name: String, up: [Dialect: [String]], down: [Dialect: [String]],
        sqliteEdits: [SQLiteSchemaEdit] = [], sqliteDownEdits: [SQLiteSchemaEdit] = []
    ) {
        self.version = version
        self.name = name
        self.up = up
        self.down = down
        self.sqliteEdits = sqliteEdits
        self.sqliteDownEdits = sqliteDownEdits
    }

    /// The SQLite edits of one direction, in the order they apply.
    func edits(_ direction: Direction) -> [SQLiteSchemaEdit] {
        direction == .up ? sqliteEdits : sqliteDownEdits + sqliteEdits.reversed().map(\.reversed)
    }
}

extension Migration {
    /// Every migration Genta knows, oldest first. Append only: an applied migration never changes.
    public static let all: [Migration] = [
        Migration(
            version: 1, name: "initial_schema",
            up: [.postgres: PostgresSchemaV1.up, .sqlite: SQLiteSchemaV1.up],
            down: [.postgres: PostgresSchemaV1.down, .sqlite: SQLiteSchemaV1.down]),
        Migration(
            version: 2, name: "practice_loop",
            up: [.postgres: PracticeLoopV2.up(.postgres), .sqlite: PracticeLoopV2.up(.sqlite)],
            down: [.postgres: PracticeLoopV2.down(.postgres), .sqlite: PracticeLoopV2.down(.sqlite)]),
        Migration(
            version: 3, name: "ai_feedback",
            up: [.postgres: FeedbackV3.up(.postgres), .sqlite: FeedbackV3.up(.sqlite)],
            down: [.postgres: FeedbackV3.down(.postgres), .sqlite: FeedbackV3.down(.sqlite)]),
        Migration(
            version: 4, name: "feedback_claims_and_allowance",
            up: [.postgres: FeedbackClaimsV4.up(.postgres), .sqlite: FeedbackClaimsV4.up(.sqlite)],
            down: [.postgres: FeedbackClaimsV4.down(.postgres), .sqlite: FeedbackClaimsV4.down(.sqlite)]),
        Migration(
            version: 5, name: "prune_index",
            up: [.postgres: PruneIndexV5.up, .sqlite: PruneIndexV5.up],
            down: [.postgres: PruneIndexV5.down, .sqlite: PruneIndexV5.down]),
        Migration(
            version: 6, name: "exam_model",
            up: [.postgres: ExamModelV6.up(.postgres), .sqlite: ExamModelV6.up(.sqlite)],
            down: [.postgres: ExamModelV6.down(.postgres), .sqlite: ExamModelV6.down(.sqlite)],
            sqliteEdits: ExamModelV6.sqliteEdits, sqliteDownEdits: ExamModelV6.sqliteDownEdits),
        Migration(
            version: 7, name: "tryouts",
            up: [.postgres: TryoutsV7.up(.postgres), .sqlite: TryoutsV7.up(.sqlite)],
            down: [.postgres: TryoutsV7.down(.postgres), .sqlite: TryoutsV7.down(.sqlite)]),
        Migration(
            version: 8, name: "payments",
            up: [.postgres: PaymentsV8.up(.postgres), .sqlite: PaymentsV8.up(.sqlite)],
            down: [.postgres: PaymentsV8.down(.postgres), .sqlite: PaymentsV8.down(.sqlite)]),
        Migration(
            version: 9, name: "content_tools",
            up: [.postgres: ContentV9.up(.postgres), .sqlite: ContentV9.up(.sqlite)],
            down: [.postgres: ContentV9.down(.postgres), .sqlite: ContentV9.down(.sqlite)]),
        Migration(
            version: 10, name: "key_corrections",
            up: [.postgres: KeyCorrectionsV10.up(.postgres), .sqlite: KeyCorrectionsV10.up(.sqlite)],
            down: [.postgres: KeyCorrectionsV10.down(.postgres), .sqlite: KeyCorrectionsV10.down(.sqlite)]),
        Migration(
            version: 11, name: "item_quality",
            up: [.postgres: ItemAnalysisV11.up(.postgres), .sqlite: ItemAnalysisV11.up(.sqlite)],
            down: [.postgres: ItemAnalysisV11.down(.postgres), .sqlite: ItemAnalysisV11.down(.sqlite)]),
        Migration(
            version: 12, name: "operations",
            up: [.postgres: JobRunsV12.up(.postgres), .sqlite: JobRunsV12.up(.sqlite)],
            down: [.postgres: JobRunsV12.down(.postgres), .sqlite: JobRunsV12.down(.sqlite)]),
        Migration(
            version: 13, name: "readiness_trend",
            up: [.postgres: ReadinessTrendV13.up(.postgres), .sqlite: ReadinessTrendV13.up(.sqlite)],
            down: [.postgres: ReadinessTrendV13.down(.postgres), .sqlite: ReadinessTrendV13.down(.sqlite)]),
        Migration(
            version: 14, name: "calibration",
            up: [.postgres: CalibrationV14.up(.postgres), .sqlite: CalibrationV14.up(.sqlite)],
            down: [.postgres: CalibrationV14.down(.postgres), .sqlite: CalibrationV14.down(.sqlite)]),
        Migration(
            version: 15, name: "analytics",
            up: [.postgres: AnalyticsV15.up(.postgres), .sqlite: AnalyticsV15.up(.sqlite)],
            down: [.postgres: AnalyticsV15.down(.postgres), .sqlite: AnalyticsV15.down(.sqlite)]),
        Migration(
            version: 16, name: "exposure",
            up: [.postgres: ExposureV16.up(.postgres), .sqlite: ExposureV16.up(.sqlite)],
            down: [.postgres: ExposureV16.down(.postgres), .sqlite: ExposureV16.down(.sqlite)]),
    ]
}
