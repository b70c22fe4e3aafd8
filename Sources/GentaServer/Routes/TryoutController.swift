import Foundation
import GentaCore
import GentaStore
import Hummingbird

/// Timed tryouts: the open events, a student's sitting block by block, scores, review and
/// history; and, for administrators, assembling a new event.
struct TryoutController {
    let events: TryoutEventQueries
    let sittings: TryoutSittingQueries
    let assembly: TryoutAssembly
    let exam: ExamStructure
    let clock: WallClock

    func addRoutes(to group: Routes) {
        group.get("tryouts") { _, context in
            let user = try context.requireUser()
            let listings = try await events.open(at: clock.now(), userID: user.id)
            return Response.json(TryoutListResponse(tryouts: listings.map {
                TryoutEventResponse($0.event, sittingID: $0.sittingID, sittingFinished: $0.sittingFinished)
            }))
        }
        group.post("tryouts/{id}/sittings") { _, context in
            let user = try context.requireUser()
            let eventID = try Input.uuid(context.parameters.get("id"), field: "id")
            let state = try await sittings.start(eventID: eventID, user: user)
            return Response.json(SittingResponse(state, now: clock.now()), status: .created)
        }
        group.get("tryout-sittings") { request, context in
            let user = try context.requireUser()
            let limit = try Input.integer(request.uri.queryParameters["limit"].map(String.init), field: "limit", default: 20, in: 1...100)
            return Response.json(TryoutHistoryResponse(try await sittings.history(userID: user.id, limit: limit)))
        }
        group.get("tryout-sittings/{id}") { _, context in
            let user = try context.requireUser()
            let id = try Input.uuid(context.parameters.get("id"), field: "id")
            return Response.json(SittingResponse(try await sittings.state(sittingID: id, userID: user.id), now: clock.now()))
        }
        group.get("tryout-sittings/{id}/block") { _, context in
            let user = try context.requireUser()
            let id = try Input.uuid(context.parameters.get("id"), field: "id")
            return Response.json(OpenBlockResponse(try await sittings.openBlock(sittingID: id, userID: user.id), now: clock.now()))
        }
        group.put("tryout-sittings/{id}/answers/{question_id}") { request, context in
            let user = try context.requireUser()
            let id = try Input.uuid(context.parameters.get("id"), field: "id")
            let questionID = try Input.uuid(context.parameters.get("question_id"), field: "question_id")
            let body = try await request.decodeJSON(as: TryoutAnswerRequest.self, context: context)
            guard (0...86_400).contains(body.time_spent_seconds) else {
                throw AppError(.badRequest, code: "invalid_time_spent",
                    message: "time_spent_seconds must be a whole number from 0 to 86400.", details: ["field": "time_spent_seconds"])
            }
            let answer = TryoutAnswer(
                response: try body.answer.responseIfGiven(), isUnsure: body.is_unsure, timeSpentSeconds: body.time_spent_seconds)
            let saved = try await sittings.save(answer, questionID: questionID, sittingID: id, userID: user.id)
            return Response.json(SavedTryoutAnswerResponse(saved))
        }
        group.post("tryout-sittings/{id}/blocks/{position}/finish") { _, context in
            let user = try context.requireUser()
            let id = try Input.uuid(context.parameters.get("id"), field: "id")
            let position = try Input.integer(context.parameters.get("position"), field: "position", default: -1, in: 0...99)
            return Response.json(SittingResponse(
                try await sittings.finishBlock(sittingID: id, position: position, userID: user.id), now: clock.now()))
        }
        group.get("tryout-sittings/{id}/review") { _, context in
            let user = try context.requireUser()
            let id = try Input.uuid(context.parameters.get("id"), field: "id")
            let (state, items) = try await sittings.review(sittingID: id, userID: user.id)
            return Response.json(TryoutReviewResponse(state: state, items: items, now: clock.now()))
        }
        group.post("admin/tryouts") { request, context in
            let user = try context.requireUser()
            guard user.role == .admin else {
                throw AppError(.forbidden, code: "admin_only", message: "Only administrators can create tryouts.")
            }
            let body = try await request.decodeJSON(as: NewTryoutRequest.self, context: context)
            let name: String
            switch DatabaseText.checked(body.name, maximum: 200) {
            case .success(let text): name = text
            case .failure:
                throw AppError(.badRequest, code: "invalid_name",
                    message: "name must be 1 to 200 characters without control characters.", details: ["field": "name"])
            }
            guard (1...366).contains(body.days) else {
                throw AppError(.badRequest, code: "invalid_field", message: "days must be a whole number from 1 to 366.",
                    details: ["field": "days"])
            }
            let opensAt = try Self.instant(body.opens_at, field: "opens_at")
            let report = try await assembly.create(
                name: name, opensAt: opensAt, closesAt: opensAt.addingTimeInterval(Double(body.days) * 86_400),
                exam: exam, now: clock.now())
            return Response.json(AssembledTryoutResponse(report), status: .created)
        }
    }

    /// An RFC 3339 date-time: `T`/`Z` in either case, any number of fraction digits (kept to
    /// milliseconds), `Z` or a numeric offset.
    static func instant(_ text: String, field: String) throws -> Date {
        if text.count <= 64,
            let match = text.wholeMatch(of: /(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})/)
        {
            let fraction = String((match.3 ?? "").prefix(3)).padding(toLength: 3, withPad: "0", startingAt: 0)
            let normalised = "\(match.1)T\(match.2).\(fraction)\(match.4.uppercased())"
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            if let date = formatter.date(from: normalised) { return date }
        }
        throw AppError(.badRequest, code: "invalid_field",
            message: "\(field) must be an ISO 8601 date-time such as 2027-03-01T00:00:00Z.", details: ["field": field])
    }
}
