import Foundation
import GentaCore

/// A passage for the content team: the student's view plus its key, bank, subtest and use.
struct StaffPassageResponse: Encodable {
    let id: String
    let bank_id: String
    let key: String
    let section: String
    let title: String?
    let text: String
    let table: PassageResponse.Table?
    let figure_reference: String?
    let questions: Int
    let created_at: Date
    let updated_at: Date
    let deleted_at: Date?

    init(_ passage: StaffPassage) {
        id = passage.id.wire
        bank_id = passage.bankID.wire
        key = passage.draft.key
        section = passage.draft.section.rawValue
        title = passage.draft.title
        text = passage.draft.text
        table = passage.draft.table.map { PassageResponse.Table(columns: $0.columns, rows: $0.rows) }
        figure_reference = passage.draft.figureReference
        questions = passage.questions
        created_at = passage.createdAt
        updated_at = passage.updatedAt
        deleted_at = passage.deletedAt
    }
}

struct PassageListResponse: Encodable {
    let passages: [StaffPassageResponse]
    let limit: Int
    let offset: Int
}
