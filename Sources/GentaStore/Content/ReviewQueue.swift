import Foundation
import GentaCore
import SQLKit

/// The content team's review queue (the seed's Query 6, corrected: every filter optional,
/// review counts without a GROUP BY over the whole row, and the state of the current revision).
public struct ReviewQueue: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public enum State: String, Sendable, CaseIterable {
        /// Not reviewed, and nobody asked for changes to its current revision.
        case awaiting
        case reviewed
        case needsRevision = "needs_revision"
        case rejected
        /// Students reported a problem that is still open.
        case reported
        case ambiguous
    }

    public struct Filter: Sendable {
        public var section: Section?
        public var subType: String?
        public var state: State?
        public var authorID: UUID?
        /// Words the question's text contains (case-insensitive).
        public var text: String?
        public var limit: Int
        public var offset: Int

        public init(section: Section?, subType: String?, state: State?, authorID: UUID?, text: String?, limit: Int, offset: Int) {
            self.section = section
            self.subType = subType
            self.state = state
            self.authorID = authorID
            self.text = text
            self.limit = limit
            self.offset = offset
        }
    }

    /// A question in the queue with where its review stands.
    public struct Entry: Sendable {
        public var question: StaffQuestion
        public var reviewCount: Int
        /// Distinct approvers of the current revision.
        public var approvals: Int
        /// The latest verdict on the current revision.
        public var latestStatus: String?
        public var openReports: Int
    }

    public func entries(_ filter: Filter) async throws -> [Entry] {
        var conditions: [SQLQueryString] = ["q.deleted_at IS NULL"]
        if let section = filter.section { conditions.append("q.section = \(bind: section.rawValue)") }
        if let subType = filter.subType { conditions.append("q.sub_type = \(bind: subType)") }
        if let author = filter.authorID { conditions.append("q.created_by = \(bind: author)") }
        if let text = filter.text {
            let escaped = text.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            conditions.append("LOWER(q.text) LIKE \(bind: "%" + escaped + "%") ESCAPE '\\'")
        }
        let verdict = { (status: String) -> SQLQueryString in
            """
            EXISTS (SELECT 1 FROM question_review_logs r WHERE r.question_id = q.id AND r.question_revision = q.revision
                    AND r.review_status = \(bind: status))
            """
        }
        switch filter.state {
        case nil: break
        case .awaiting:
            conditions.append("NOT q.is_reviewed AND NOT \(verdict("needs_revision")) AND NOT \(verdict("rejected"))")
        case .reviewed: conditions.append("q.is_reviewed")
        case .needsRevision: conditions.append(verdict("needs_revision"))
        case .rejected: conditions.append(verdict("rejected"))
        case .reported:
            conditions.append("EXISTS (SELECT 1 FROM question_reports rp WHERE rp.question_id = q.id AND rp.status = 'open')")
        case .ambiguous: conditions.append("q.is_ambiguous")
        }
        let whereClause = conditions.joined(separator: " AND ")
        return try await database.withConnection { db in
            try await db.raw("""
                SELECT \(StaffQuestionRow.columns),
                    (SELECT COUNT(*) FROM question_review_logs r WHERE r.question_id = q.id) AS review_count,
                    (SELECT COUNT(DISTINCT r.reviewer_id) FROM question_review_logs r
                     WHERE r.question_id = q.id AND r.question_revision = q.revision AND r.review_status = 'approved') AS approvals,
                    (SELECT r.review_status FROM question_review_logs r WHERE r.question_id = q.id AND r.question_revision = q.revision
                     ORDER BY r.created_at DESC LIMIT 1) AS latest_status,
                    (SELECT COUNT(*) FROM question_reports rp WHERE rp.question_id = q.id AND rp.status = 'open') AS open_reports
                FROM \(StaffQuestionRow.from)
                WHERE \(whereClause)
                ORDER BY q.difficulty_irt, q.created_at DESC, q.id
                LIMIT \(bind: filter.limit) OFFSET \(bind: filter.offset)
                """).all().map { row in
                Entry(
                    question: try StaffQuestionRow.decode(row),
                    reviewCount: try row.decode(column: "review_count", as: Int.self),
                    approvals: try row.decode(column: "approvals", as: Int.self),
                    latestStatus: try row.decode(column: "latest_status", as: String?.self),
                    openReports: try row.decode(column: "open_reports", as: Int.self))
            }
        }
    }
}
