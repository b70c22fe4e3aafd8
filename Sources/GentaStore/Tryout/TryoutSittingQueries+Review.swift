import Foundation
import GentaCore
import SQLKit

extension TryoutSittingQueries {
    /// Every question of a finished sitting with the student's answer, the key and the
    /// explanation. Refused while any block is still open: keys stay secret until the end.
    public func review(sittingID: UUID, userID: UUID) async throws -> (state: SittingState, items: [ReviewItem]) {
        try await database.transaction { db in
            let record = try await settled(sittingID, userID: userID, db)
            guard record.finishedAt != nil else {
                throw AppError(.conflict, code: "tryout_in_progress",
                    message: "The review opens when the tryout ends: finish or run out the time of every block first.")
            }
            var items: [ReviewItem] = []
            for position in record.timeline.blocks.indices {
                let (questions, passages) = try await Self.blockQuestions(record, position: position, db)
                let keys = try await Self.keys(of: questions.map(\.questionID), db)
                for question in questions {
                    guard let key = keys[question.questionID] else { continue }
                    items.append(ReviewItem(
                        question: question, blockPosition: position, key: key.content.key,
                        isCorrect: question.response.map(key.content.grade) ?? false, explanation: key.explanation,
                        passage: passages.first { $0.id == question.passageID }))
                }
            }
            return (try await state(of: record, db), items)
        }
    }

    /// The student's sittings, newest first, with their scores: the trend per subtest.
    public func history(userID: UUID, limit: Int) async throws -> [SittingSummary] {
        try await database.withConnection { db in
            let rows = try await db.raw("""
                SELECT s.id, s.event_id, e.name, s.started_at, s.finished_at, s.overall_score
                FROM tryout_sittings s JOIN tryout_events e ON e.id = s.event_id
                WHERE s.user_id = \(bind: userID)
                ORDER BY s.started_at DESC, s.id
                LIMIT \(bind: limit)
                """).all()
            let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
            let scores = try await TryoutResults.scores(sittingIDs: ids, db)
            return try rows.map { row in
                let id = try row.decode(column: "id", as: UUID.self)
                return SittingSummary(
                    id: id, eventID: try row.decode(column: "event_id", as: UUID.self), eventName: try row.decode(column: "name", as: String.self),
                    startedAt: try row.decode(column: "started_at", as: Date.self), finishedAt: try row.decode(column: "finished_at", as: Date?.self),
                    overallScore: try row.decodeOptionalDouble(column: "overall_score"), subtests: scores[id] ?? [])
            }
        }
    }

    private struct Key { var content: QuestionContent; var explanation: String? }

    private static func keys(of ids: [UUID], _ db: any SQLDatabase) async throws -> [UUID: Key] {
        guard !ids.isEmpty else { return [:] }
        var keys: [UUID: Key] = [:]
        for row in try await db.raw("""
            SELECT q.id, q.explanation, \(StoredContent.columns("q")) FROM questions q WHERE q.id IN (\(binds: ids))
            """).all() {
            keys[try row.decode(column: "id", as: UUID.self)] = Key(
                content: try StoredContent.decode(row), explanation: try row.decode(column: "explanation", as: String?.self))
        }
        return keys
    }
}
