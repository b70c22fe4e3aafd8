import Foundation
import GentaCore
import IRT
import SQLKit

/// Item analysis for the content team: computed for one question on request, and for every
/// live question by `refresh()` (the job `genta serve` runs hourly and `genta analyze` runs at
/// once), which stores it in `question_statistics` and refreshes the questions' counters.
public struct ItemAnalysisQueries: Sendable {
    let database: any Database
    let now: @Sendable () -> Date

    public init(database: any Database, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.now = now
    }

    /// A question and how it performs.
    public struct Entry: Sendable {
        public var questionID: UUID
        public var section: Section
        public var subType: String?
        public var text: String
        public var format: QuestionFormat
        public var parameters: ItemParameters
        public var analysis: ItemAnalysis
        public var computedAt: Date
    }

    public struct Filter: Sendable {
        public var section: Section?
        public var subType: String?
        public var assessment: ItemAnalysis.Assessment?
        public var flag: ItemAnalysis.Flag?
        public var limit: Int
        public var offset: Int

        public init(section: Section?, subType: String?, assessment: ItemAnalysis.Assessment?, flag: ItemAnalysis.Flag?, limit: Int, offset: Int) {
            self.section = section
            self.subType = subType
            self.assessment = assessment
            self.flag = flag
            self.limit = limit
            self.offset = offset
        }
    }

    /// One question, computed now from its answers.
    public func analysis(of questionID: UUID, thresholds: ItemAnalysis.Thresholds) async throws -> Entry {
        try await database.withConnection { db in
            let questions = try await ItemAnalysisRows.questions(db, where: "q.id = \(bind: questionID)")
            guard let question = questions.first else {
                throw AppError(.notFound, code: "question_not_found", message: "No question has that id.")
            }
            let analysis = try await ItemAnalysisRows.analyse(questions, thresholds: thresholds, db)
            return question.entry(analysis[questionID]?.analysis, computedAt: now())
        }
    }

    /// Analyses every live question, `batchSize` at a time (one transaction each), storing the
    /// results and the questions' counters, until done or `shouldStop` (checked between batches;
    /// a later run starts over, the analysis being a pure function of the answers).
    @discardableResult
    public func refresh(
        thresholds: ItemAnalysis.Thresholds = ItemAnalysis.Thresholds(), batchSize: Int = 200,
        shouldStop: @Sendable () -> Bool = { false }
    ) async throws -> (analysed: Int, finished: Bool) {
        try await database.withConnection { db in
            try await db.raw("""
                DELETE FROM question_statistics WHERE question_id IN (SELECT id FROM questions WHERE deleted_at IS NOT NULL)
                """).run()
        }
        var after = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        var analysed = 0
        while !shouldStop() {
            let cursor = after
            let batch = try await database.transaction { db -> (last: UUID, count: Int)? in
                let questions = try await ItemAnalysisRows.questions(db, where: """
                    q.deleted_at IS NULL AND q.id > \(bind: cursor) ORDER BY q.id LIMIT \(bind: max(1, batchSize))
                    """)
                let timestamp = now()
                let results = try await ItemAnalysisRows.analyse(questions, thresholds: thresholds, db)
                guard !questions.isEmpty else { return nil }
                try await db.raw("DELETE FROM question_statistics WHERE question_id IN (\(binds: questions.map(\.id)))").run()
                for question in questions {
                    guard let result = results[question.id] else { continue }
                    try await ItemAnalysisRows.store(question.id, result, at: timestamp, db)
                }
                return questions.last.map { ($0.id, questions.count) }
            }
            guard let batch else {
                try await database.transaction { db in try await Self.refreshExposure(db) }
                return (analysed, true)
            }
            analysed += batch.count
            after = batch.last
        }
        return (analysed, false)
    }

    /// Each analysed question's exposure rate: its students over the students who practised its
    /// subtest (readiness rows with answers), at most 1.
    static func refreshExposure(_ db: any SQLDatabase) async throws {
        let rows = try await db.raw("""
            SELECT section, COUNT(*) AS students FROM user_readiness WHERE total_attempts_count > 0 GROUP BY section
            """).all()
        for row in rows {
            let students = try row.decode(column: "students", as: Int.self)
            guard students > 0 else { continue }
            try await db.raw("""
                UPDATE question_statistics SET exposure_rate = CASE WHEN students >= \(bind: students) THEN 1.0
                    ELSE CAST(students AS DOUBLE PRECISION) / \(bind: Double(students)) END
                WHERE question_id IN (SELECT id FROM questions WHERE section = \(bind: try row.decode(column: "section", as: String.self)))
                """).run()
        }
    }

    /// The stored analyses, flagged questions first.
    public func list(_ filter: Filter) async throws -> [Entry] {
        var conditions: [SQLQueryString] = ["q.deleted_at IS NULL"]
        if let section = filter.section { conditions.append("q.section = \(bind: section.rawValue)") }
        if let subType = filter.subType { conditions.append("q.sub_type = \(bind: subType)") }
        if let assessment = filter.assessment { conditions.append("s.assessment = \(bind: assessment.rawValue)") }
        if let flag = filter.flag { conditions.append("(',' || s.flags || ',') LIKE \(bind: "%,\(flag.rawValue),%")") }
        let condition = conditions.joined(separator: " AND ")
        return try await database.withConnection { db in
            try await db.raw("""
                SELECT \(ItemAnalysisRows.QuestionFacts.columns), s.* FROM question_statistics s JOIN questions q ON q.id = s.question_id
                WHERE \(condition)
                ORDER BY s.flag_count DESC, s.students DESC, q.id LIMIT \(bind: filter.limit) OFFSET \(bind: filter.offset)
                """).all().map { row in
                try ItemAnalysisRows.QuestionFacts(row).entry(try ItemAnalysisRows.decodeStored(row), computedAt: try row.decode(column: "computed_at", as: Date.self))
            }
        }
    }
}
