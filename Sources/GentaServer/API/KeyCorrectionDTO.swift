import Foundation
import GentaCore

struct KeyCorrectionResponse: Encodable {
    let id: String
    let question_id: String
    let from_revision: Int
    let to_revision: Int
    let old_key: String
    let new_key: String
    let corrected_by: String?
    let note: String?
    let attempts_regraded: Int
    let students_total: Int
    let students_done: Int
    let status: String
    let created_at: Date
    let finished_at: Date?

    init(_ correction: KeyCorrection) {
        id = correction.id.uuidString.lowercased()
        question_id = correction.questionID.uuidString.lowercased()
        from_revision = correction.fromRevision
        to_revision = correction.toRevision
        old_key = correction.oldKey
        new_key = correction.newKey
        corrected_by = correction.correctedBy?.uuidString.lowercased()
        note = correction.note
        attempts_regraded = correction.attemptsRegraded
        students_total = correction.studentsTotal
        students_done = correction.studentsDone
        status = correction.status.rawValue
        created_at = correction.createdAt
        finished_at = correction.finishedAt
    }
}

struct KeyCorrectionListResponse: Encodable {
    let key_corrections: [KeyCorrectionResponse]
    let limit: Int
    let offset: Int
}

struct NoticeResponse: Encodable {
    let id: String
    let kind: String
    let question_id: String?
    let message: String
    let created_at: Date

    init(_ notice: StudentNotice) {
        id = notice.id.uuidString.lowercased()
        kind = notice.kind.rawValue
        question_id = notice.questionID?.uuidString.lowercased()
        message = Self.messages[notice.kind] ?? ""
        created_at = notice.createdAt
    }
}

extension NoticeResponse {
    /// In Indonesian, as the students read the API's other texts; `kind` is for clients that
    /// write their own.
    static let messages: [StudentNotice.Kind: String] = [
        .keyCorrection: "Kunci jawaban sebuah soal yang pernah kamu kerjakan sudah diperbaiki. Jawabanmu dinilai ulang, "
            + "dan kemampuan, kesiapan, serta skor tryout-mu sudah dihitung ulang.",
    ]
}

struct NoticeListResponse: Encodable {
    let notices: [NoticeResponse]
}
