import GentaCore
import GentaIntegrations
import GentaStore
import Hummingbird

/// AI feedback on answers: ask for it, rate it, see the rated ones.
struct FeedbackController {
    let service: FeedbackService
    let queries: FeedbackQueries

    func addRoutes(to group: Routes) {
        group.post("attempts/{id}/feedback") { request, context in
            let user = try context.requireUser()
            let attemptID = try Input.uuid(context.parameters.get("id"), field: "id")
            var language = FeedbackLanguage.indonesian
            if request.headers[.contentLength].map({ $0 != "0" }) ?? (request.headers[.transferEncoding] != nil),
                let lang = try await request.decodeJSON(as: FeedbackRequestBody.self, context: context).lang
            {
                guard let chosen = FeedbackLanguage(rawValue: lang) else {
                    throw AppError(.badRequest, code: "invalid_lang", message: "lang must be id or en (got \"\(lang)\").",
                        details: ["field": "lang"])
                }
                language = chosen
            }
            let result = try await service.feedback(
                attemptID: attemptID, user: user, language: language, clientConnected: context.clientConnected)
            return Response.json(FeedbackResponse(result.feedback, note: result.note), status: result.created ? .created : .ok)
        }
        group.post("feedback/{id}/rating") { request, context in
            let user = try context.requireUser()
            let feedbackID = try Input.uuid(context.parameters.get("id"), field: "id")
            let body = try await request.decodeJSON(as: RatingRequest.self, context: context)
            return Response.json(FeedbackResponse(try await queries.rate(feedbackID: feedbackID, userID: user.id, helpful: body.helpful)))
        }
        group.get("feedback") { request, context in
            let user = try context.requireUser()
            let query = request.uri.queryParameters
            let page = try await queries.ratedHistory(
                userID: user.id,
                limit: try Input.integer(query["limit"].map(String.init), field: "limit", default: 20, in: 1...100),
                after: try Input.cursor(query["cursor"].map(String.init)))
            return Response.json(FeedbackHistoryResponse(entries: page.entries, next: page.next))
        }
    }
}
