import Foundation
import GentaCore
import GentaStore
import Hummingbird

/// The review: verdicts, each question's history with its reports, the queue, and the students'
/// reports of problems.
struct ReviewController {
    let reviews: ReviewQueries
    let queue: ReviewQueue
    let reports: ReportQueries

    func addRoutes(to group: Routes) {
        group.post("admin/questions/{id}/reviews") { request, context in
            let reviewer = try context.requireStaff()
            let id = try Input.uuid(context.parameters.get("id"), field: "id")
            let verdict = try Self.verdict(try await request.decodeJSON(as: ReviewRequest.self, context: context))
            let (review, question) = try await reviews.review(id, by: reviewer, verdict)
            return Response.json(ReviewedQuestionResponse(review: ReviewResponse(review), question: StaffQuestionResponse(question)),
                status: .created)
        }
        group.get("admin/questions/{id}/reviews") { _, context in
            _ = try context.requireStaff()
            let id = try Input.uuid(context.parameters.get("id"), field: "id")
            let history = try await reviews.history(id)
            let filed = try await reports.reports(id)
            return Response.json(ReviewHistoryResponse(
                question_id: id.uuidString.lowercased(), reviews: history.map(ReviewResponse.init),
                reports: filed.map(ReportResponse.init)))
        }
        group.get("admin/review-queue") { request, context in
            _ = try context.requireStaff()
            let query = request.uri.queryParameters
            let rawState = query["state"].map(String.init) ?? ""
            guard rawState.isEmpty || ReviewQueue.State(rawValue: rawState) != nil else {
                throw AppError(.badRequest, code: "invalid_parameter",
                    message: "state must be one of \(ReviewQueue.State.allCases.map(\.rawValue).joined(separator: ", ")).",
                    details: ["field": "state"])
            }
            let author = try query["author"].map(String.init).flatMap { $0.isEmpty ? nil : try Input.uuid($0, field: "author") }
            let text = try query["q"].map(String.init).flatMap { raw -> String? in
                guard !raw.isEmpty else { return nil }
                guard case .success(let text) = DatabaseText.checked(raw, maximum: 100) else {
                    throw AppError(.badRequest, code: "invalid_parameter", message: "q must be 1 to 100 characters, without control characters.", details: ["field": "q"])
                }
                return text
            }
            let limit = try Input.integer(query["limit"].map(String.init), field: "limit", default: 50, in: 1...200)
            let offset = try Input.integer(query["offset"].map(String.init), field: "offset", default: 0, in: 0...1_000_000)
            let entries = try await queue.entries(ReviewQueue.Filter(
                section: try Input.section(query["section"].map(String.init)), subType: try Input.subType(query["sub_type"].map(String.init)),
                state: ReviewQueue.State(rawValue: rawState), authorID: author, text: text, limit: limit, offset: offset))
            return Response.json(ReviewQueueResponse(entries, limit: limit, offset: offset))
        }
        group.post("questions/{id}/reports") { request, context in
            let user = try context.requireUser()
            let id = try Input.uuid(context.parameters.get("id"), field: "id")
            let body = try await request.decodeJSON(as: ReportRequest.self, context: context)
            guard let kind = QuestionReport.Kind(rawValue: body.kind) else {
                throw AppError(.unprocessable, code: "invalid_field",
                    message: "kind must be one of \(QuestionReport.Kind.allCases.map(\.rawValue).joined(separator: ", ")).",
                    details: ["field": "kind"])
            }
            let note = try Input.text(body.note, field: "note", maximum: 1_000, emptyIsAbsent: true)
            let (report, created) = try await reports.report(id, by: user.id, kind: kind, note: note)
            return Response.json(ReportResponse(report), status: created ? .created : .ok)
        }
    }

    static func verdict(_ body: ReviewRequest) throws -> ReviewQueries.Verdict {
        guard let status = QuestionReview.Status(rawValue: body.review_status) else {
            throw AppError(.unprocessable, code: "invalid_field",
                message: "review_status must be approved, needs_revision or rejected.", details: ["field": "review_status"])
        }
        let aspects = body.reviewed_aspects?.items ?? []
        if let unknown = aspects.first(where: { !QuestionReview.aspects.contains($0) }) {
            throw AppError(.unprocessable, code: "invalid_field",
                message: "reviewed_aspects: \"\(unknown.prefix(40))\" is not one of \(QuestionReview.aspects.sorted().joined(separator: ", ")).",
                details: ["field": "reviewed_aspects"])
        }
        if let type = body.revision_type, !QuestionReview.revisionTypes.contains(type) {
            throw AppError(.unprocessable, code: "invalid_field",
                message: "revision_type must be one of \(QuestionReview.revisionTypes.sorted().joined(separator: ", ")).",
                details: ["field": "revision_type"])
        }
        return ReviewQueries.Verdict(
            status: status, reviewedAspects: aspects.isEmpty ? nil : aspects.joined(separator: ","),
            notes: try Input.text(body.review_notes, field: "review_notes", maximum: 5_000, emptyIsAbsent: true),
            revisionType: body.revision_type)
    }
}
