import Foundation
import GentaCore
import GentaStore
import Hummingbird

/// The content team's passages, one at a time. A passage's body is a JSON Lines passage line
/// without `kind` (docs/CONTENT.md).
struct PassageController {
    let editor: PassageEditor

    func addRoutes(to group: Routes) {
        group.get("admin/question-banks/{id}/passages") { request, context in
            _ = try context.requireStaff()
            let bankID = try Input.uuid(context.parameters.get("id"), field: "id")
            let query = request.uri.queryParameters
            let limit = try Input.integer(query["limit"].map(String.init), field: "limit", default: 50, in: 1...200)
            let offset = try Input.integer(query["offset"].map(String.init), field: "offset", default: 0, in: 0...1_000_000)
            let passages = try await editor.passages(bankID: bankID, limit: limit, offset: offset)
            return Response.json(PassageListResponse(passages: passages.map(StaffPassageResponse.init), limit: limit, offset: offset))
        }
        group.post("admin/question-banks/{id}/passages") { request, context in
            _ = try context.requireStaff()
            let bankID = try Input.uuid(context.parameters.get("id"), field: "id")
            let draft = try await Self.draft(request, context: context)
            return Response.json(StaffPassageResponse(try await editor.create(draft, bankID: bankID)), status: .created)
        }
        group.get("admin/passages/{id}") { _, context in
            _ = try context.requireStaff()
            return Response.json(StaffPassageResponse(try await editor.passage(try Input.uuid(context.parameters.get("id"), field: "id"))))
        }
        group.put("admin/passages/{id}") { request, context in
            let staff = try context.requireStaff()
            let id = try Input.uuid(context.parameters.get("id"), field: "id")
            let draft = try await Self.draft(request, context: context)
            return Response.json(StaffPassageResponse(try await editor.update(id, to: draft, by: staff.id)))
        }
        group.delete("admin/passages/{id}") { _, context in
            _ = try context.requireStaff()
            try await editor.delete(try Input.uuid(context.parameters.get("id"), field: "id"))
            return Response(status: .noContent)
        }
    }

    /// Invalid: a 422 listing every problem by field (ErrorMiddleware).
    static func draft(_ request: Request, context: GentaRequestContext) async throws -> PassageDraft {
        try QuestionBankParser.passage(try await request.decodeJSON(as: JSONValue.self, context: context))
    }
}
