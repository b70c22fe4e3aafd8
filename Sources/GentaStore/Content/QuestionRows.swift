import Foundation
import GentaCore
import SQLKit

/// Writing `questions` rows and keeping their bank's counters true: shared by imports and the
/// content team's edits.
enum QuestionRows {
    /// Inserts questions in one statement (callers batch by `QuestionBankQueries.rowsPerInsert`);
    /// returns their new ids in order.
    @discardableResult
    static func insert(
        _ questions: some Collection<QuestionDraft>, bankID: UUID, passageIDs: [String: UUID], reviewer: String?,
        createdBy: UUID?, at timestamp: Date, _ db: any SQLDatabase
    ) async throws -> [UUID] {
        let ids = questions.map { _ in UUID() }
        let rows = zip(ids, questions).map { id, question -> SQLQueryString in
            let stored = StoredContent(question.content)
            let passageID = question.passageKey.flatMap { passageIDs[$0] }
            return """
                (\(bind: id), \(bind: bankID), \(bind: question.externalID), \(bind: question.section.rawValue),
                 \(bind: question.subType), \(bind: question.content.format.rawValue), \(bind: passageID),
                 \(bind: question.calibration.difficulty), \(bind: question.calibration.discrimination),
                 \(bind: question.calibration.guessing), \(bind: question.calibration.status), \(bind: question.text),
                 \(bind: stored.options?[.a]), \(bind: stored.options?[.b]), \(bind: stored.options?[.c]),
                 \(bind: stored.options?[.d]), \(bind: stored.options?[.e]), \(bind: stored.correctAnswer?.rawValue),
                 \(bind: stored.formatSpec), \(bind: question.explanation),
                 \(bind: question.explanationEnglish), \(bind: question.strategyTip),
                 \(bind: question.relatedConcept), \(bind: reviewer != nil), \(bind: reviewer),
                 \(bind: reviewer), \(bind: createdBy), \(bind: timestamp), \(bind: timestamp))
                """
        }
        try await db.raw("""
            INSERT INTO questions (id, question_bank_id, external_id, section, sub_type, format, passage_id,
                difficulty_irt, discrimination, guessing_param, calibration_status, text, option_a, option_b, option_c, option_d,
                option_e, correct_answer, format_spec, explanation, explanation_en, strategy_tip,
                related_concept, is_reviewed, reviewer_1_name, reviewer_2_name, created_by, created_at, updated_at)
            VALUES \(rows.joined(separator: ", "))
            """).run()
        return ids
    }

    /// The bank's counters from its live questions, so they stay true however it changed.
    static func refreshCounters(bankID: UUID, at timestamp: Date, _ db: any SQLDatabase) async throws {
        let rows = try await db.raw("""
            SELECT section, COUNT(*) AS total FROM questions
            WHERE question_bank_id = \(bind: bankID) AND deleted_at IS NULL GROUP BY section
            """).all()
        var counts: [Section: Int] = [:]
        for row in rows { counts[try Section.decode(row, "section")] = try row.decode(column: "total", as: Int.self) }
        let perSection = Section.allCases.map { section -> SQLQueryString in
            "questions_\(unsafeRaw: section.rawValue.lowercased()) = \(bind: counts[section] ?? 0)"
        }
        try await db.raw("""
            UPDATE question_banks SET total_questions = \(bind: counts.values.reduce(0, +)),
                \(perSection.joined(separator: ", ")), updated_at = \(bind: timestamp)
            WHERE id = \(bind: bankID)
            """).run()
    }

    /// Replaces a question's content with `draft` (its passage already resolved to `passageID`).
    static func update(_ id: UUID, to draft: QuestionDraft, passageID: UUID?, at timestamp: Date, _ db: any SQLDatabase) async throws {
        let stored = StoredContent(draft.content)
        try await db.raw("""
            UPDATE questions SET external_id = \(bind: draft.externalID), section = \(bind: draft.section.rawValue),
                sub_type = \(bind: draft.subType), format = \(bind: draft.content.format.rawValue), passage_id = \(bind: passageID),
                difficulty_irt = \(bind: draft.calibration.difficulty), discrimination = \(bind: draft.calibration.discrimination),
                guessing_param = \(bind: draft.calibration.guessing), calibration_status = \(bind: draft.calibration.status),
                text = \(bind: draft.text),
                option_a = \(bind: stored.options?[.a]), option_b = \(bind: stored.options?[.b]), option_c = \(bind: stored.options?[.c]),
                option_d = \(bind: stored.options?[.d]), option_e = \(bind: stored.options?[.e]),
                correct_answer = \(bind: stored.correctAnswer?.rawValue), format_spec = \(bind: stored.formatSpec),
                explanation = \(bind: draft.explanation), explanation_en = \(bind: draft.explanationEnglish),
                strategy_tip = \(bind: draft.strategyTip), related_concept = \(bind: draft.relatedConcept),
                updated_at = \(bind: timestamp)
            WHERE id = \(bind: id)
            """).run()
    }

    /// One revision to record: the state `draft` of question `questionID` as revision `number`.
    struct RevisionEntry {
        var questionID: UUID
        var number: Int
        var draft: QuestionDraft
        var change: QuestionRevision.Change
        var staff: UUID?
        var note: String?
        var at: Date
    }

    /// Records revision `number` of a question: its state `draft`, why, and by whom.
    static func recordRevision(
        questionID: UUID, number: Int, draft: QuestionDraft, change: QuestionRevision.Change, by staff: UUID?, note: String?,
        at timestamp: Date, _ db: any SQLDatabase
    ) async throws {
        try await recordRevisions([RevisionEntry(
            questionID: questionID, number: number, draft: draft, change: change, staff: staff, note: note, at: timestamp)], db)
    }

    /// Records revisions, a hundred rows a statement (8 values each, under SQLite's 999).
    static func recordRevisions(_ entries: [RevisionEntry], _ db: any SQLDatabase) async throws {
        for batch in entries.batches(of: 100) {
            let rows = try batch.map { entry -> SQLQueryString in
                """
                (\(bind: UUID()), \(bind: entry.questionID), \(bind: entry.number),
                 \(bind: try StoredJSON.encode(QuestionFileWriter.object(entry.draft))), \(bind: entry.change.rawValue),
                 \(bind: entry.staff), \(bind: entry.note), \(bind: entry.at))
                """
            }
            try await db.raw("""
                INSERT INTO question_revisions (id, question_id, revision, snapshot, change_kind, changed_by, note, created_at)
                VALUES \(rows.joined(separator: ", "))
                """).run()
        }
    }

    /// Revision entries for the current state of those `questions` whose current revision is not
    /// recorded yet (loaded before revisions were kept): their "original".
    static func originals(of questions: [StaffQuestion], _ db: any SQLDatabase) async throws -> [RevisionEntry] {
        guard !questions.isEmpty else { return [] }
        var recorded: Set<UUID> = []
        for batch in questions.batches(of: 500) {
            let list = batch.map { SQLQueryString("\(bind: $0.id)") }.joined(separator: ", ")
            for row in try await db.raw("""
                SELECT r.question_id FROM question_revisions r JOIN questions q ON q.id = r.question_id AND q.revision = r.revision
                WHERE r.question_id IN (\(list))
                """).all() {
                recorded.insert(try row.decode(column: "question_id", as: UUID.self))
            }
        }
        return questions.filter { !recorded.contains($0.id) }.map {
            RevisionEntry(questionID: $0.id, number: $0.revision, draft: $0.draft, change: .original, staff: $0.createdBy, note: nil, at: $0.createdAt)
        }
    }

    /// Inserts passages in one statement, each under its id in `ids`.
    static func insertPassages(
        _ passages: some Collection<PassageDraft>, ids: [String: UUID], bankID: UUID, at timestamp: Date, _ db: any SQLDatabase
    ) async throws {
        let rows = try passages.map { passage -> SQLQueryString in
            """
            (\(bind: ids[passage.key]), \(bind: bankID), \(bind: passage.key), \(bind: passage.section.rawValue),
             \(bind: passage.title), \(bind: passage.text), \(bind: try passage.table.map(StoredJSON.encode)),
             \(bind: passage.figureReference), \(bind: timestamp), \(bind: timestamp))
            """
        }
        try await db.raw("""
            INSERT INTO passages (id, question_bank_id, external_key, section, title, text, data_table,
                figure_reference, created_at, updated_at)
            VALUES \(rows.joined(separator: ", "))
            """).run()
    }

    /// The passage ids of a bank by key (a key names one passage for good, deleted or not).
    static func passageIDs(bankID: UUID, _ db: any SQLDatabase) async throws -> [String: UUID] {
        var ids: [String: UUID] = [:]
        for row in try await db.raw("""
            SELECT id, external_key FROM passages WHERE question_bank_id = \(bind: bankID)
            """).all() {
            ids[try row.decode(column: "external_key", as: String.self)] = try row.decode(column: "id", as: UUID.self)
        }
        return ids
    }
}
