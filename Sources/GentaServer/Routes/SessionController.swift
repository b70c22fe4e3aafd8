import GentaCore
import GentaStore
import Hummingbird

/// Study sessions: start, list (seed Query 7b), statistics (seed Query 4), end.
struct SessionController {
    let sessions: SessionQueries

    func addRoutes(to group: RouterGroup<GentaRequestContext>) {
        group.post("sessions") { request, context in
            let user = try context.requireUser()
            // The body is optional: no body means a mixed-section session.
            var section: Section?
            if request.headers[.contentLength].map({ $0 != "0" }) ?? (request.headers[.transferEncoding] != nil) {
                section = try Input.section(try await request.decodeJSON(as: NewSessionRequest.self, context: context).section)
            }
            return Response.json(SessionResponse(try await sessions.start(userID: user.id, section: section)), status: .created)
        }
        group.get("sessions") { request, context in
            let user = try context.requireUser()
            let limit = try Input.integer(request.uri.queryParameters["limit"].map(String.init), field: "limit", default: 20, in: 1...100)
            let offset = try Input.integer(request.uri.queryParameters["offset"].map(String.init), field: "offset", default: 0, in: 0...100_000)
            let list = try await sessions.list(userID: user.id, limit: limit, offset: offset)
            return Response.json(SessionListResponse(sessions: list.map(SessionResponse.init), limit: limit, offset: offset))
        }
        group.get("sessions/{id}") { _, context in
            let user = try context.requireUser()
            let id = try Input.sessionID(context.parameters.get("id"), field: "id")
            return Response.json(SessionStatisticsResponse(try await sessions.statistics(userID: user.id, sessionID: id)))
        }
        group.post("sessions/{id}/end") { _, context in
            let user = try context.requireUser()
            let id = try Input.sessionID(context.parameters.get("id"), field: "id")
            return Response.json(SessionResponse(try await sessions.end(userID: user.id, sessionID: id)))
        }
    }
}
