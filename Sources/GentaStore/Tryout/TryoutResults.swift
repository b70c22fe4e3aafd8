import Foundation
import GentaCore
import SQLKit

/// Reads the scores of finished sittings, with percentiles among the event's sitters once
/// enough have sat.
struct TryoutResults {
    let settings: TryoutSettings

    func result(of record: SittingRecord, _ db: any SQLDatabase) async throws -> SittingResult? {
        var subtests = try await Self.scores(sittingIDs: [record.id], db)[record.id] ?? []
        guard let overall = try await db.raw("SELECT overall_score FROM tryout_sittings WHERE id = \(bind: record.id)")
            .first()?.decodeOptionalDouble(column: "overall_score")
        else { return nil }
        let overallScores = try await db.raw("""
            SELECT overall_score FROM tryout_sittings WHERE event_id = \(bind: record.event.id) AND overall_score IS NOT NULL
            """).all().map { try $0.decode(column: "overall_score", as: Double.self) }
        let sitters = overallScores.count
        guard sitters >= settings.minimumSittersForPercentile else {
            return SittingResult(subtests: subtests, overallScore: overall, overallPercentile: nil, sitters: sitters)
        }
        var bySection: [Section: [Double]] = [:]
        for row in try await db.raw("SELECT section, score FROM tryout_scores WHERE event_id = \(bind: record.event.id)").all() {
            bySection[try Section.decode(row, "section"), default: []].append(try row.decode(column: "score", as: Double.self))
        }
        for index in subtests.indices {
            subtests[index].percentile = Self.rounded(TryoutScoring.percentile(
                of: subtests[index].score, among: bySection[subtests[index].section] ?? []))
        }
        return SittingResult(
            subtests: subtests, overallScore: overall,
            overallPercentile: Self.rounded(TryoutScoring.percentile(of: overall, among: overallScores)), sitters: sitters)
    }

    /// The stored subtest scores of each sitting, in exam order.
    static func scores(sittingIDs: [UUID], _ db: any SQLDatabase) async throws -> [UUID: [SubtestScore]] {
        guard !sittingIDs.isEmpty else { return [:] }
        var scores: [UUID: [SubtestScore]] = [:]
        for row in try await db.raw("""
            SELECT sitting_id, section, theta, standard_error, score, score_low, score_high, correct_count, wrong_count,
                blank_count, time_spent_seconds
            FROM tryout_scores WHERE sitting_id IN (\(binds: sittingIDs))
            """).all() {
            scores[try row.decode(column: "sitting_id", as: UUID.self), default: []].append(SubtestScore(
                section: try Section.decode(row, "section"), theta: try row.decode(column: "theta", as: Double.self),
                standardError: try row.decode(column: "standard_error", as: Double.self),
                score: try row.decode(column: "score", as: Double.self), scoreLow: try row.decode(column: "score_low", as: Double.self),
                scoreHigh: try row.decode(column: "score_high", as: Double.self),
                correct: try row.decode(column: "correct_count", as: Int.self), wrong: try row.decode(column: "wrong_count", as: Int.self),
                blank: try row.decode(column: "blank_count", as: Int.self),
                timeSpentSeconds: try row.decode(column: "time_spent_seconds", as: Int.self)))
        }
        let order = Dictionary(uniqueKeysWithValues: Section.allCases.enumerated().map { ($1, $0) })
        return scores.mapValues { $0.sorted { order[$0.section, default: 0] < order[$1.section, default: 0] } }
    }

    static func rounded(_ percentile: Double) -> Double { (percentile * 10).rounded() / 10 }
}
