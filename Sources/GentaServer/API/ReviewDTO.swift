import Foundation
import GentaCore
import GentaStore

/// `POST /admin/questions/{id}/reviews`: named like `question_review_logs`' columns.
struct ReviewRequest: Decodable {
    let review_status: String
    /// Comma-separated or a list: `clarity,correctness`.
    let reviewed_aspects: ReviewedAspects?
    let review_notes: String?
    let revision_type: String?

    enum ReviewedAspects: Decodable {
        case text(String), list([String])
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let list = try? container.decode([String].self) { self = .list(list) } else { self = .text(try container.decode(String.self)) }  // ok: either shape
        }
        var items: [String] {
            switch self {
            case .text(let text): text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            case .list(let list): list
            }
        }
    }
}

struct ReviewResponse: Encodable {
    let id: String
    let question_id: String
    let question_revision: Int?
    let reviewer_id: String?
    let reviewer_name: String
    let review_status: String
    let reviewed_aspects: String?
    let review_notes: String?
    let revision_type: String?
    let created_at: Date

    init(_ review: QuestionReview) {
        id = review.id.uuidString.lowercased()
        question_id = review.questionID.uuidString.lowercased()
        question_revision = review.questionRevision
        reviewer_id = review.reviewerID?.uuidString.lowercased()
        reviewer_name = review.reviewerName
        review_status = review.status.rawValue
        reviewed_aspects = review.reviewedAspects
        review_notes = review.notes
        revision_type = review.revisionType
        created_at = review.createdAt
    }
}

struct ReviewedQuestionResponse: Encodable {
    let review: ReviewResponse
    let question: StaffQuestionResponse
}

struct ReviewHistoryResponse: Encodable {
    let question_id: String
    let reviews: [ReviewResponse]
    let reports: [ReportResponse]
}

struct ReviewQueueResponse: Encodable {
    /// A queued question: the staff view of it, and where its review stands.
    struct Entry: Encodable {
        let question: StaffQuestionResponse
        let review_count: Int
        let approvals: Int
        let latest_status: String?
        let open_reports: Int
    }
    let questions: [Entry]
    let limit: Int
    let offset: Int

    init(_ entries: [ReviewQueue.Entry], limit: Int, offset: Int) {
        questions = entries.map {
            Entry(question: StaffQuestionResponse($0.question), review_count: $0.reviewCount, approvals: $0.approvals,
                latest_status: $0.latestStatus, open_reports: $0.openReports)
        }
        self.limit = limit
        self.offset = offset
    }
}

struct ReportRequest: Decodable {
    let kind: String
    let note: String?
}

struct ReportResponse: Encodable {
    let id: String
    let question_id: String
    let kind: String
    let note: String?
    let status: String
    let created_at: Date

    init(_ report: QuestionReport) {
        id = report.id.uuidString.lowercased()
        question_id = report.questionID.uuidString.lowercased()
        kind = report.kind.rawValue
        note = report.note
        status = report.status
        created_at = report.createdAt
    }
}
