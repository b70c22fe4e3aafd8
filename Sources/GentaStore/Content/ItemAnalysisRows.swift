import Foundation
import GentaCore
import IRT
import SQLKit

/// Reading what item analysis needs from the database, computing it per question, and storing
/// it (`question_statistics`, the questions' counters).
enum ItemAnalysisRows {
    /// What the analysis needs of a question.
    struct QuestionFacts {
        static let columns: SQLQueryString = """
            q.id, q.section, q.sub_type, q.text, q.discrimination, q.difficulty_irt, q.guessing_param, \(StoredContent.columns("q"))
            """
        var id: UUID
        var section: Section
        var subType: String?
        var text: String
        var parameters: ItemParameters
        var content: QuestionContent

        init(_ row: any SQLRow) throws {
            id = try row.decode(column: "id", as: UUID.self)
            section = try Section.decode(row, "section")
            subType = try row.decode(column: "sub_type", as: String?.self)
            text = try row.decode(column: "text", as: String.self)
            parameters = ItemParameters(
                a: try row.decode(column: "discrimination", as: Double.self), b: try row.decode(column: "difficulty_irt", as: Double.self),
                c: try row.decode(column: "guessing_param", as: Double.self))
            content = try StoredContent.decode(row)
        }

        var key: AnswerOption? {
            if case .choice(let option) = content.key { option } else { nil }
        }

        func entry(_ analysis: ItemAnalysis?, computedAt: Date) -> ItemAnalysisQueries.Entry {
            ItemAnalysisQueries.Entry(
                questionID: id, section: section, subType: subType, text: text, format: content.format, parameters: parameters,
                analysis: analysis ?? ItemAnalysis(responses: [], parameters: parameters, key: key, helpfulRatings: 0,
                    unhelpfulRatings: 0, wrongKeyReports: 0),
                computedAt: computedAt)
        }
    }

    /// The analysis and the plain counters (every answer, not only first ones) of one question.
    struct Result {
        var analysis: ItemAnalysis
        var attempts: Int
        var correctRate: Double?
        var averageSeconds: Double?
    }

    static func questions(_ db: any SQLDatabase, where condition: SQLQueryString) async throws -> [QuestionFacts] {
        try await db.raw("SELECT \(QuestionFacts.columns) FROM questions q WHERE \(condition)").all().map(QuestionFacts.init)
    }

    static func analyse(
        _ questions: [QuestionFacts], thresholds: ItemAnalysis.Thresholds, _ db: any SQLDatabase
    ) async throws -> [UUID: Result] {
        guard !questions.isEmpty else { return [:] }
        let ids = questions.map(\.id)
        var firsts: [UUID: [ItemAnalysis.Response]] = [:]
        var counts: [UUID: (attempts: Int, correct: Int, seconds: Int)] = [:]
        var previous: (question: UUID, user: UUID)?
        for row in try await db.raw("""
            SELECT a.question_id, a.user_id, a.is_correct, a.selected_answer, a.time_spent_seconds,
                COALESCE(a.user_theta_before, 0) AS ability_before, COALESCE(r.current_theta, a.user_theta_after, 0) AS ability
            FROM attempts a LEFT JOIN user_readiness r ON r.user_id = a.user_id AND r.section = a.section
            WHERE a.question_id IN (\(binds: ids)) AND a.deleted_at IS NULL
            ORDER BY a.question_id, a.user_id, a.created_at, a.id
            """).all() {
            let question = try row.decode(column: "question_id", as: UUID.self)
            let user = try row.decode(column: "user_id", as: UUID.self)
            let isCorrect = try row.decode(column: "is_correct", as: Bool.self)
            let seconds = try row.decode(column: "time_spent_seconds", as: Int.self)
            counts[question, default: (0, 0, 0)].attempts += 1
            counts[question, default: (0, 0, 0)].correct += isCorrect ? 1 : 0
            counts[question, default: (0, 0, 0)].seconds += seconds
            guard previous?.question != question || previous?.user != user else { continue }
            previous = (question, user)
            firsts[question, default: []].append(ItemAnalysis.Response(
                isCorrect: isCorrect, choice: try row.decode(column: "selected_answer", as: String?.self),
                ability: try row.decode(column: "ability", as: Double.self),
                abilityBefore: try row.decode(column: "ability_before", as: Double.self), seconds: seconds))
        }
        var ratings: [UUID: (helpful: Int, unhelpful: Int)] = [:]
        for row in try await db.raw("""
            SELECT question_id, feedback_helpful, COUNT(*) AS n FROM attempts
            WHERE question_id IN (\(binds: ids)) AND feedback_helpful IS NOT NULL AND deleted_at IS NULL
            GROUP BY question_id, feedback_helpful
            """).all() {
            let question = try row.decode(column: "question_id", as: UUID.self)
            let n = try row.decode(column: "n", as: Int.self)
            if try row.decode(column: "feedback_helpful", as: Bool.self) { ratings[question, default: (0, 0)].helpful += n } else {
                ratings[question, default: (0, 0)].unhelpful += n
            }
        }
        var reports: [UUID: Int] = [:]
        for row in try await db.raw("""
            SELECT question_id, COUNT(*) AS n FROM question_reports
            WHERE question_id IN (\(binds: ids)) AND kind = 'wrong_key' AND status = 'open' GROUP BY question_id
            """).all() {
            reports[try row.decode(column: "question_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
        }
        var results: [UUID: Result] = [:]
        for question in questions {
            let count = counts[question.id] ?? (0, 0, 0)
            results[question.id] = Result(
                analysis: ItemAnalysis(
                    responses: firsts[question.id] ?? [], parameters: question.parameters, key: question.key,
                    helpfulRatings: ratings[question.id]?.helpful ?? 0, unhelpfulRatings: ratings[question.id]?.unhelpful ?? 0,
                    wrongKeyReports: reports[question.id] ?? 0, thresholds: thresholds),
                attempts: count.attempts,
                correctRate: count.attempts > 0 ? Double(count.correct) / Double(count.attempts) : nil,
                averageSeconds: count.attempts > 0 ? Double(count.seconds) / Double(count.attempts) : nil)
        }
        return results
    }

    // MARK: Storing

    static func store(_ questionID: UUID, _ result: Result, at timestamp: Date, _ db: any SQLDatabase) async throws {
        let analysis = result.analysis
        try await db.raw("""
            INSERT INTO question_statistics (question_id, students, correct_rate, expected_rate, point_biserial, avg_time_seconds,
                options, assessment, flags, flag_count, helpful_ratings, unhelpful_ratings, wrong_key_reports, computed_at)
            VALUES (\(bind: questionID), \(bind: analysis.students), \(bind: analysis.correctRate), \(bind: analysis.expectedRate),
                \(bind: analysis.pointBiserial.map { min(max($0, -1), 1) }), \(bind: analysis.averageSeconds),
                \(bind: try StoredJSON.encode(analysis.options)), \(bind: analysis.assessment.rawValue),
                \(bind: analysis.flags.map(\.rawValue).joined(separator: ",")), \(bind: analysis.flags.count),
                \(bind: analysis.helpfulRatings), \(bind: analysis.unhelpfulRatings), \(bind: analysis.wrongKeyReports), \(bind: timestamp))
            """).run()
        try await db.raw("""
            UPDATE questions SET attempt_count = \(bind: result.attempts),
                correct_rate = \(bind: result.correctRate.map { ($0 * 1000).rounded() / 1000 }),
                avg_time_seconds = \(bind: result.averageSeconds.flatMap { Bounded.integer($0, in: 0...32_767) })
            WHERE id = \(bind: questionID)
            """).run()
    }

    static func decodeStored(_ row: any SQLRow) throws -> ItemAnalysis {
        ItemAnalysis(
            students: try row.decode(column: "students", as: Int.self),
            correctRate: try row.decodeOptionalDouble(column: "correct_rate"),
            expectedRate: try row.decodeOptionalDouble(column: "expected_rate"),
            pointBiserial: try row.decodeOptionalDouble(column: "point_biserial"),
            averageSeconds: try row.decodeOptionalDouble(column: "avg_time_seconds"),
            options: try StoredJSON.decode([ItemAnalysis.Option].self, from: try row.decode(column: "options", as: String.self)),
            assessment: ItemAnalysis.Assessment(rawValue: try row.decode(column: "assessment", as: String.self)) ?? .insufficientData,
            flags: try row.decode(column: "flags", as: String.self).split(separator: ",").compactMap { ItemAnalysis.Flag(rawValue: String($0)) },
            helpfulRatings: try row.decode(column: "helpful_ratings", as: Int.self),
            unhelpfulRatings: try row.decode(column: "unhelpful_ratings", as: Int.self),
            wrongKeyReports: try row.decode(column: "wrong_key_reports", as: Int.self))
    }
}
