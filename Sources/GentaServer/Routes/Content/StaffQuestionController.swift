import Foundation
import GentaCore
import GentaStore
import Hummingbird

/// The content team's single questions: write, read with the key, edit, delete, restore, and
/// each question's history. A question's body is a JSON Lines import row (docs/CONTENT.md).
struct StaffQuestionController {
    let editor: QuestionEditor

    func addRoutes(to group: Routes) {
        group.post("admin/question-banks/{id}/questions") { request, context in
            let staff = try context.requireStaff()
            let bankID = try Input.uuid(context.parameters.get("id"), field: "id")
            let (draft, _) = try await Self.draft(request, context: context)
            return Response.json(StaffQuestionResponse(try await editor.create(draft, bankID: bankID, by: staff.id)), status: .created)
        }
        group.get("admin/questions/{id}") { _, context in
            _ = try context.requireStaff()
            return Response.json(StaffQuestionResponse(try await editor.question(try Input.uuid(context.parameters.get("id"), field: "id"))))
        }
        group.put("admin/questions/{id}") { request, context in
            let staff = try context.requireStaff()
            let id = try Input.uuid(context.parameters.get("id"), field: "id")
            let (draft, note) = try await Self.draft(request, context: context)
            return Response.json(StaffQuestionResponse(try await editor.update(id, to: draft, by: staff.id, note: note)))
        }
        group.delete("admin/questions/{id}") { _, context in
            let staff = try context.requireStaff()
            let id = try Input.uuid(context.parameters.get("id"), field: "id")
            return Response.json(StaffQuestionResponse(try await editor.setDeleted(id, true, by: staff.id, note: nil)))
        }
        group.post("admin/questions/{id}/restore") { _, context in
            let staff = try context.requireStaff()
            let id = try Input.uuid(context.parameters.get("id"), field: "id")
            return Response.json(StaffQuestionResponse(try await editor.setDeleted(id, false, by: staff.id, note: nil)))
        }
        group.get("admin/questions/{id}/revisions") { _, context in
            _ = try context.requireStaff()
            let id = try Input.uuid(context.parameters.get("id"), field: "id")
            return Response.json(RevisionListResponse(questionID: id, try await editor.revisions(id)))
        }
    }

    /// The question of a request body, checked as an import row is, and an optional `note`
    /// (why it changed, up to 1,000 characters).
    static func draft(_ request: Request, context: GentaRequestContext) async throws -> (QuestionDraft, String?) {
        guard case .object(var fields) = try await request.decodeJSON(as: JSONValue.self, context: context) else {
            throw AppError(.badRequest, code: "invalid_json", message: "The body must be a JSON object: one question.")
        }
        var note: String?
        switch fields.removeValue(forKey: "note") {
        case nil, .null: break
        case .string(let text): note = try Input.text(text, field: "note", maximum: 1_000, emptyIsAbsent: true)
        default:
            throw AppError(.badRequest, code: "invalid_field", message: "The field note must be a string.", details: ["field": "note"])
        }
        // Invalid: a 422 listing every problem by field (ErrorMiddleware).
        return (try QuestionBankParser.question(.object(fields)), note)
    }
}
