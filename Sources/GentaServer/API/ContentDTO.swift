import Foundation
import GentaCore
import GentaStore

/// A question bank, as the content team's endpoints show it.
struct BankResponse: Encodable {
    let id: String
    let name: String
    let description: String?
    let source: String
    let total_questions: Int
    let questions_per_section: [String: Int]
    let is_reviewed: Bool
    let is_calibrated: Bool
    let created_at: Date
    let updated_at: Date

    init(_ bank: StaffBank) {
        id = bank.id.uuidString.lowercased()
        name = bank.metadata.name
        description = bank.metadata.description
        source = bank.metadata.source
        total_questions = bank.totalQuestions
        questions_per_section = Dictionary(uniqueKeysWithValues: bank.questionsPerSection.map { ($0.key.rawValue, $0.value) })
        is_reviewed = bank.isReviewed
        is_calibrated = bank.isCalibrated
        created_at = bank.createdAt
        updated_at = bank.updatedAt
    }
}

struct BankListResponse: Encodable {
    let banks: [BankResponse]
    let limit: Int
    let offset: Int
}

/// `POST /admin/question-banks` and `PATCH …/{id}`.
struct BankRequest: Decodable {
    let name: String?
    let description: String?
    let source: String?
}

/// A question with its key and its place in the review, for staff only.
struct StaffQuestionResponse: Encodable {
    let id: String
    let question_bank_id: String
    let revision: Int
    /// The content as a JSON Lines import file holds it.
    let question: JSONValue
    let is_reviewed: Bool
    let is_ambiguous: Bool
    let is_deleted: Bool
    let created_by: String?
    let attempt_count: Int
    let correct_rate: Double?
    let avg_time_seconds: Int?
    let created_at: Date
    let updated_at: Date

    init(_ question: StaffQuestion) {
        id = question.id.uuidString.lowercased()
        question_bank_id = question.bankID.uuidString.lowercased()
        revision = question.revision
        self.question = QuestionFileWriter.object(question.draft)
        is_reviewed = question.isReviewed
        is_ambiguous = question.isAmbiguous
        is_deleted = question.deletedAt != nil
        created_by = question.createdBy?.uuidString.lowercased()
        attempt_count = question.attemptCount
        correct_rate = question.correctRate
        avg_time_seconds = question.averageTimeSeconds
        created_at = question.createdAt
        updated_at = question.updatedAt
    }
}

struct RevisionListResponse: Encodable {
    struct Revision: Encodable {
        let revision: Int
        let change_kind: String
        let changed_by: String?
        let note: String?
        let created_at: Date
        let question: JSONValue
    }
    let question_id: String
    let revisions: [Revision]

    init(questionID: UUID, _ revisions: [QuestionRevision]) {
        question_id = questionID.uuidString.lowercased()
        self.revisions = revisions.map {
            Revision(revision: $0.revision, change_kind: $0.change.rawValue, changed_by: $0.changedBy?.uuidString.lowercased(),
                note: $0.note, created_at: $0.createdAt, question: $0.snapshot)
        }
    }
}

struct ImportReportResponse: Encodable {
    let dry_run: Bool
    let added: Int
    let updated: Int
    let unchanged: Int
    let passages_added: Int
    let passages_updated: Int

    init(_ report: ContentImport.Report) {
        dry_run = report.dryRun
        added = report.added
        updated = report.updated
        unchanged = report.unchanged
        passages_added = report.passagesAdded
        passages_updated = report.passagesUpdated
    }
}

/// A rejected file or question: every problem, by line (files) and field.
struct RejectionResponse: Encodable {
    struct Problem: Encodable {
        let line: Int?
        let field: String?
        let message: String
    }
    struct Payload: Encodable {
        let code: String
        let message: String
    }
    let error: Payload
    let problems: [Problem]

    init(code: String, message: String, _ problems: [BankRowProblem]) {
        error = Payload(code: code, message: message)
        self.problems = problems.map { Problem(line: $0.row, field: $0.field, message: $0.message) }
    }
}
