import Foundation
import GentaCore
import SQLKit

/// Imports a validated file into an existing bank, all or nothing: new questions and passages
/// are added, changed ones updated (each a revision by the importing staff member, awaiting
/// review again), identical ones left alone — so importing the same file twice changes nothing.
/// Questions are matched by `external_id` (a stored question without one, by its text).
public struct ContentImport: Sendable {
    let database: any Database
    let now: @Sendable () -> Date

    public init(database: any Database, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.now = now
    }

    public struct Report: Sendable, Equatable {
        public var added = 0
        public var updated = 0
        public var unchanged = 0
        public var passagesAdded = 0
        public var passagesUpdated = 0
        public var dryRun = false
    }

    /// Applies `bank` to `bankID` (or, with `dryRun`, only checks it against what is stored and
    /// says what would change). Throws `BankValidationError` naming each row that cannot apply.
    public func apply(_ bank: QuestionBankParser.Bank, to bankID: UUID, by staff: UUID?, dryRun: Bool) async throws -> Report {
        try await database.transaction { db in
            let timestamp = now()
            try await BankQueries.requireLive(bankID, db)
            let stored = try await db.raw("""
                SELECT \(StaffQuestionRow.columns) FROM \(StaffQuestionRow.from) WHERE q.question_bank_id = \(bind: bankID)
                """).all().map(StaffQuestionRow.decode)
            var byExternalID: [String: StaffQuestion] = [:]
            var byText: [String: StaffQuestion] = [:]
            for question in stored {
                if let id = question.draft.externalID { byExternalID[id] = question } else { byText[Self.textKey(question.draft)] = question }
            }
            let answered = try await Self.answeredQuestions(bankID: bankID, db)

            var report = Report(dryRun: dryRun)
            var problems: [BankRowProblem] = []
            var additions: [QuestionDraft] = []
            var updates: [(StaffQuestion, QuestionDraft)] = []
            for (draft, origin) in zip(bank.questions, bank.origins) {
                let match = draft.externalID.flatMap { byExternalID[$0] } ?? byText.removeValue(forKey: Self.textKey(draft))
                guard let match else {
                    additions.append(draft)
                    continue
                }
                if match.deletedAt != nil {
                    problems.append(BankRowProblem(file: origin.file, row: origin.row, field: "external_id",
                        message: "names a deleted question; restore it before importing it again"))
                } else if match.draft == draft || (match.draft.externalID == nil && Self.sameApartFromID(match.draft, draft)) {
                    report.unchanged += 1
                    if match.draft.externalID == nil, draft.externalID != nil { updates.append((match, draft)) }
                } else if answered.contains(match.id), draft.content.format != match.draft.content.format {
                    problems.append(BankRowProblem(file: origin.file, row: origin.row, field: "format",
                        message: "changes the format of a question students have answered; write a new question instead"))
                } else if answered.contains(match.id), draft.content.key != match.draft.content.key {
                    // A key correction regrades every answer and replays students' ability: a
                    // deliberate act on one question, with its reason, not a side effect of a file.
                    problems.append(BankRowProblem(file: origin.file, row: origin.row, field: "correct_answer",
                        message: "changes the key of a question students have answered; correct it with PUT /api/v1/admin/questions/{id}, which regrades their answers"))
                } else {
                    updates.append((match, draft))
                    report.updated += 1
                }
            }
            let passagePlan = try await Self.passagePlan(bank.passages, bankID: bankID, db)
            report.passagesAdded = passagePlan.added.count
            report.passagesUpdated = passagePlan.changed.count
            report.added = additions.count
            guard problems.isEmpty else { throw BankValidationError(problems: problems) }
            guard !dryRun else { return report }

            let newPassageIDs = Dictionary(uniqueKeysWithValues: passagePlan.added.map { ($0.key, UUID()) })
            for batch in passagePlan.added.batches(of: QuestionBankQueries.rowsPerInsert) {
                try await QuestionRows.insertPassages(batch, ids: newPassageIDs, bankID: bankID, at: timestamp, db)
            }
            for (id, passage) in passagePlan.changed { try await Self.updatePassage(id, passage, at: timestamp, db) }
            let passageIDs = try await QuestionRows.passageIDs(bankID: bankID, db)
            var revisions: [QuestionRows.RevisionEntry] = []
            for batch in additions.batches(of: QuestionBankQueries.rowsPerInsert) {
                let ids = try await QuestionRows.insert(
                    batch, bankID: bankID, passageIDs: passageIDs, reviewer: nil, createdBy: staff, at: timestamp, db)
                for (id, draft) in zip(ids, batch) {
                    revisions.append(.init(questionID: id, number: 1, draft: draft, change: .created, staff: staff, note: "imported", at: timestamp))
                }
            }
            revisions += try await QuestionRows.originals(of: updates.map(\.0), db)
            for (question, draft) in updates {
                try await QuestionRows.update(
                    question.id, to: draft, passageID: draft.passageKey.flatMap { passageIDs[$0] }, at: timestamp, db)
                // Giving a legacy question its external id is not a change of content.
                guard !Self.sameApartFromID(question.draft, draft) else { continue }
                try await QuestionEditor.advance(question.id, to: question.revision + 1, unreviewed: true, at: timestamp, db)
                revisions.append(.init(
                    questionID: question.id, number: question.revision + 1, draft: draft, change: .imported, staff: staff, note: nil,
                    at: timestamp))
            }
            try await QuestionRows.recordRevisions(revisions, db)
            let updated = Set(updates.map(\.0.id))
            // Passages match by key, so a changed passage has changed content: its questions need review.
            for (id, passage) in passagePlan.changed {
                try await PassageEditor.reviseQuestions(onPassage: id, key: passage.key, by: staff, except: updated, at: timestamp, db)
            }
            try await QuestionRows.refreshCounters(bankID: bankID, at: timestamp, db)
            return report
        }
    }

    static func textKey(_ draft: QuestionDraft) -> String {
        draft.section.rawValue + "\n" + (draft.passageKey ?? "") + "\n" + draft.text.lowercased()
    }

    static func sameApartFromID(_ stored: QuestionDraft, _ draft: QuestionDraft) -> Bool {
        var withID = stored
        withID.externalID = draft.externalID
        return withID == draft
    }

    static func answeredQuestions(bankID: UUID, _ db: any SQLDatabase) async throws -> Set<UUID> {
        Set(try await db.raw("""
            SELECT DISTINCT a.question_id FROM attempts a JOIN questions q ON q.id = a.question_id
            WHERE q.question_bank_id = \(bind: bankID)
            """).all().map { try $0.decode(column: "question_id", as: UUID.self) })
    }

    // MARK: Passages

    static func passagePlan(
        _ passages: [PassageDraft], bankID: UUID, _ db: any SQLDatabase
    ) async throws -> (added: [PassageDraft], changed: [(UUID, PassageDraft)]) {
        var stored: [String: (UUID, PassageDraft)] = [:]
        for row in try await db.raw("""
            SELECT \(PassageDraftRow.columns) FROM passages WHERE question_bank_id = \(bind: bankID)
            """).all() {
            let draft = try PassageDraftRow.decode(row)
            stored[draft.key] = (try row.decode(column: "id", as: UUID.self), draft)
        }
        var added: [PassageDraft] = []
        var changed: [(UUID, PassageDraft)] = []
        for passage in passages {
            guard let (id, current) = stored[passage.key] else {
                added.append(passage)
                continue
            }
            if current != passage { changed.append((id, passage)) }
        }
        return (added, changed)
    }

    static func updatePassage(_ id: UUID, _ passage: PassageDraft, at timestamp: Date, _ db: any SQLDatabase) async throws {
        try await db.raw("""
            UPDATE passages SET section = \(bind: passage.section.rawValue), title = \(bind: passage.title), text = \(bind: passage.text),
                data_table = \(bind: try passage.table.map(StoredJSON.encode)), figure_reference = \(bind: passage.figureReference),
                deleted_at = NULL, updated_at = \(bind: timestamp)
            WHERE id = \(bind: id)
            """).run()
    }
}
