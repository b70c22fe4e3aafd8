import Foundation
import GentaCore
import SQLKit

extension TryoutSittingQueries {
    /// The open block with its questions (never their keys), each passage once, and what the
    /// student has saved so far — everything a client needs to resume after losing its state.
    public func openBlock(sittingID: UUID, userID: UUID) async throws -> OpenBlock {
        try await database.transaction { db in
            let record = try await settled(sittingID, userID: userID, db)
            guard let position = record.timeline.current else {
                throw AppError(.conflict, code: "sitting_finished", message: "This tryout is over; its scores and review are ready.")
            }
            let (questions, passages) = try await Self.blockQuestions(record, position: position, db)
            return OpenBlock(state: try await state(of: record, db), position: position, questions: questions, passages: passages)
        }
    }

    /// Saves (or replaces, or clears with no response) the answer and the unsure flag of a
    /// question in the open block. Saving the same thing again changes nothing.
    public func save(_ answer: TryoutAnswer, questionID: UUID, sittingID: UUID, userID: UUID) async throws -> SavedTryoutAnswer {
        try await database.transaction { db in
            let now = clock.now()
            let record = try await SittingRecord.load(sittingID, userID: userID, now: now, db)
            guard let row = try await db.raw("""
                SELECT f.block_position, \(StoredContent.columns("q")) FROM tryout_form_items f JOIN questions q ON q.id = f.question_id
                WHERE f.event_id = \(bind: record.event.id) AND f.question_id = \(bind: questionID) AND f.withdrawn_at IS NULL
                """).first()
            else {
                throw AppError(.notFound, code: "question_not_in_tryout", message: "This question is not part of this tryout.")
            }
            let position = try row.decode(column: "block_position", as: Int.self)
            try Self.requireOpen(position, in: record)
            if let response = answer.response, let problem = try StoredContent.decode(row).check(response) {
                throw AppError(.unprocessable, code: "answer_does_not_fit", message: problem)
            }
            let block = record.timeline.blocks[position]
            let seconds = min(max(answer.timeSpentSeconds, 0), block.seconds)
            try await db.raw("""
                INSERT INTO tryout_answers (sitting_id, question_id, block_position, selected_answer, response, is_unsure,
                    time_spent_seconds, updated_at)
                VALUES (\(bind: sittingID), \(bind: questionID), \(bind: position), \(bind: answer.response?.selectedLetter),
                    \(bind: answer.response?.stored), \(bind: answer.isUnsure), \(bind: seconds), \(bind: now))
                ON CONFLICT (sitting_id, question_id) DO UPDATE SET selected_answer = excluded.selected_answer,
                    response = excluded.response, is_unsure = excluded.is_unsure,
                    time_spent_seconds = excluded.time_spent_seconds, updated_at = excluded.updated_at
                """).run()
            var saved = answer
            saved.timeSpentSeconds = seconds
            return SavedTryoutAnswer(
                questionID: questionID, blockPosition: position, answer: saved, savedAt: now,
                deadline: record.timeline.times[position].deadline ?? now)
        }
    }

    /// The block's questions in order, numbered within their subtest, with the saved answers.
    static func blockQuestions(
        _ record: SittingRecord, position: Int, _ db: any SQLDatabase
    ) async throws -> (questions: [BlockQuestion], passages: [Passage]) {
        let block = record.timeline.blocks[position]
        let earlier = record.timeline.blocks[..<position].filter { $0.section == block.section }.reduce(0) { $0 + $1.questions }
        let rows = try await db.raw("""
            SELECT q.id, f.item_position, q.section, q.sub_type, q.text, \(StoredContent.columns("q")), \(PassageColumns.select),
                a.selected_answer, a.response, a.is_unsure, a.time_spent_seconds
            FROM tryout_form_items f
            JOIN questions q ON q.id = f.question_id
            LEFT JOIN passages p ON p.id = q.passage_id
            LEFT JOIN tryout_answers a ON a.sitting_id = \(bind: record.id) AND a.question_id = q.id
            WHERE f.event_id = \(bind: record.event.id) AND f.block_position = \(bind: position) AND f.withdrawn_at IS NULL
            ORDER BY f.item_position
            """).all()
        var questions: [BlockQuestion] = []
        var passages: [Passage] = []
        for row in rows {
            let content = try StoredContent.decode(row)
            let passage = try PassageColumns.decode(row)
            if let passage, !passages.contains(where: { $0.id == passage.id }) { passages.append(passage) }
            questions.append(BlockQuestion(
                questionID: try row.decode(column: "id", as: UUID.self),
                number: earlier + (try row.decode(column: "item_position", as: Int.self)),
                section: try Section.decode(row, "section"), subType: try row.decode(column: "sub_type", as: String?.self),
                text: try row.decode(column: "text", as: String.self), content: content.served, passageID: passage?.id,
                response: StudentResponse.restore(
                    format: content.format, selectedAnswer: try row.decode(column: "selected_answer", as: String?.self),
                    response: try row.decode(column: "response", as: String?.self)),
                isUnsure: try row.decode(column: "is_unsure", as: Bool?.self) ?? false,
                timeSpentSeconds: try row.decode(column: "time_spent_seconds", as: Int?.self) ?? 0))
        }
        return (questions, passages)
    }
}
