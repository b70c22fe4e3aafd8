import Foundation
import GentaCore
import GentaStore
import Hummingbird

/// Key corrections for staff (a correction is made by editing a question's key) and the notices
/// they leave the students whose answers were regraded.
struct KeyCorrectionController {
    let corrections: KeyCorrectionQueries

    func addRoutes(to group: Routes) {
        group.get("admin/key-corrections") { request, context in
            _ = try context.requireStaff()
            let query = request.uri.queryParameters
            let question = try query["question_id"].map(String.init).flatMap { $0.isEmpty ? nil : try Input.uuid($0, field: "question_id") }
            let limit = try Input.integer(query["limit"].map(String.init), field: "limit", default: 50, in: 1...200)
            let offset = try Input.integer(query["offset"].map(String.init), field: "offset", default: 0, in: 0...1_000_000)
            let list = try await corrections.list(questionID: question, limit: limit, offset: offset)
            return Response.json(KeyCorrectionListResponse(key_corrections: list.map(KeyCorrectionResponse.init), limit: limit, offset: offset))
        }
        group.get("admin/key-corrections/{id}") { _, context in
            _ = try context.requireStaff()
            let id = try Input.uuid(context.parameters.get("id"), field: "id")
            return Response.json(KeyCorrectionResponse(try await corrections.correction(id)))
        }
        group.get("me/notices") { _, context in
            let user = try context.requireUser()
            return Response.json(NoticeListResponse(notices: try await corrections.unreadNotices(userID: user.id).map(NoticeResponse.init)))
        }
        group.post("me/notices/{id}/dismiss") { _, context in
            let user = try context.requireUser()
            let id = try Input.uuid(context.parameters.get("id"), field: "id")
            try await corrections.dismiss(id, userID: user.id)
            return Response(status: .noContent)
        }
    }
}
