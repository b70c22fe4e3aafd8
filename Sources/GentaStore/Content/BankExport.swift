import Foundation
import GentaCore
import SQLKit

/// A bank's live questions and their passages, in the import formats: exporting a bank and
/// importing the file into another gives the same questions. Questions come in the order they
/// were created (then by external id), passages by key.
public struct BankExport: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func file(bankID: UUID, format: QuestionFileFormat) async throws -> Data {
        let (questions, passages) = try await contents(bankID: bankID)
        return try QuestionFileWriter.write(questions, passages: passages, as: format)
    }

    /// A question stored without an external id is exported under its database id, so the file
    /// can be imported back (into this bank it then matches by text and keeps that id).
    func contents(bankID: UUID) async throws -> (questions: [QuestionDraft], passages: [PassageDraft]) {
        try await database.withConnection { db in
            try await BankQueries.requireLive(bankID, db)
            let questions = try await db.raw("""
                SELECT \(StaffQuestionRow.columns) FROM \(StaffQuestionRow.from)
                WHERE q.question_bank_id = \(bind: bankID) AND q.deleted_at IS NULL
                ORDER BY q.created_at, q.external_id, q.id
                """).all().map { row -> QuestionDraft in
                let question = try StaffQuestionRow.decode(row)
                var draft = question.draft
                draft.externalID = draft.externalID ?? question.id.uuidString.lowercased()
                return draft
            }
            let used = Set(questions.compactMap(\.passageKey))
            let passages = try await db.raw("""
                SELECT \(PassageDraftRow.columns) FROM passages
                WHERE question_bank_id = \(bind: bankID) AND deleted_at IS NULL ORDER BY external_key
                """).all().map(PassageDraftRow.decode)
                .filter { used.contains($0.key) }
            return (questions, passages)
        }
    }
}
