import Foundation
import GentaCore
import GentaStore
import HTTPTypes
import Hummingbird
import IRT

/// The practice loop: the next question, answering it, readiness and the history.
struct PracticeController {
    let nextQuestion: NextQuestionQueries
    let recorder: AttemptRecorder
    let readiness: ReadinessQueries
    let history: HistoryQueries
    let scoreScale: ScoreScale

    static let idempotencyHeader = HTTPField.Name("Idempotency-Key")!

    func addRoutes(to group: Routes) {
        group.get("practice/next") { request, context in
            let user = try context.requireUser()
            let query = request.uri.queryParameters
            let sessionID = try Input.sessionID(query["session_id"].map(String.init))
            let section = try Input.section(query["section"].map(String.init))
            return Response.json(QuestionResponse(try await nextQuestion.next(for: user, section: section, sessionID: sessionID)))
        }
        group.post("attempts") { request, context in
            let user = try context.requireUser()
            let submission = try await Self.submission(request, context: context)
            let result = try await recorder.record(submission, by: user)
            return Response.json(AttemptResponse(result), status: .created)
        }
        group.get("attempts") { request, context in
            let user = try context.requireUser()
            let query = request.uri.queryParameters
            let filter = HistoryQueries.Filter(
                section: try Input.section(query["section"].map(String.init)),
                subType: try Input.subType(query["sub_type"].map(String.init)),
                isCorrect: try Input.bool(query["is_correct"].map(String.init), field: "is_correct"),
                limit: try Input.integer(query["limit"].map(String.init), field: "limit", default: 20, in: 1...100),
                after: try Input.cursor(query["cursor"].map(String.init)))
            let page = try await history.page(userID: user.id, filter)
            return Response.json(HistoryResponse(entries: page.entries, next: page.next))
        }
        group.get("readiness") { _, context in
            let user = try context.requireUser()
            return Response.json(ReadinessResponse(user: user, sections: try await readiness.report(for: user), scale: scoreScale))
        }
    }

    static func submission(_ request: Request, context: GentaRequestContext) async throws -> AnswerSubmission {
        let key: String
        switch DatabaseText.checked(request.headers[idempotencyHeader] ?? "", maximum: 100) {
        case .success(let text): key = text
        case .failure(.empty):
            throw AppError(.badRequest, code: "idempotency_key_required",
                message: "Send an Idempotency-Key header (e.g. a UUID) so a retried answer is not counted twice.")
        case .failure:
            throw AppError(.badRequest, code: "invalid_idempotency_key",
                message: "Idempotency-Key must be at most 100 characters (code points) without control characters; a UUID is ideal.",
                details: ["field": "Idempotency-Key"])
        }
        let body = try await request.decodeJSON(as: AttemptRequest.self, context: context)
        let response = try body.answer.response()
        guard (0...AnswerSubmission.maximumTimeSpentSeconds).contains(body.time_spent_seconds) else {
            throw AppError(.badRequest, code: "invalid_time_spent",
                message: "time_spent_seconds must be between 0 and \(AnswerSubmission.maximumTimeSpentSeconds) (got \(body.time_spent_seconds)).",
                details: ["field": "time_spent_seconds"])
        }
        return AnswerSubmission(
            questionID: try Input.uuid(body.question_id, field: "question_id"),
            sessionID: try Input.sessionID(body.session_id),
            response: response, timeSpentSeconds: body.time_spent_seconds, idempotencyKey: key)
    }
}
