import GentaCore
import GentaStore
import Hummingbird

/// Study sessions: start, list (seed Query 7b), statistics (seed Query 4), end.
struct SessionController {
    let sessions: SessionQueries

    func addRoutes(to group: Routes) {
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
            let query = request.uri.queryParameters
            let limit = try Input.integer(query["limit"].map(String.init), field: "limit", default: 20, in: 1...100)
            let cursor = try Input.cursor(query["cursor"].map(String.init))
            // `offset` is kept for clients written before cursors; sent with a cursor, it skips
            // that many more sessions after it.
            let offset = try Input.integer(query["offset"].map(String.init), field: "offset", default: 0, in: 0...100_000)
            let page = try await sessions.list(userID: user.id, limit: limit, after: cursor, offset: offset)
            return Response.json(SessionListResponse(sessions: page.sessions.map(SessionResponse.init), limit: limit, offset: offset,
                next_cursor: page.next?.token))
        }
        group.get("sessions/{id}") { request, context in
            let user = try context.requireUser()
            let id = try Input.sessionID(context.parameters.get("id"), field: "id")
            let query = request.uri.queryParameters
            let limit = try Input.integer(query["limit"].map(String.init), field: "limit", default: 100, in: 1...500)
            let cursor = try Input.cursor(query["cursor"].map(String.init))
            return Response.json(SessionStatisticsResponse(
                try await sessions.statistics(userID: user.id, sessionID: id, limit: limit, after: cursor)))
        }
        group.post("sessions/{id}/end") { _, context in
            let user = try context.requireUser()
            let id = try Input.sessionID(context.parameters.get("id"), field: "id")
            return Response.json(SessionResponse(try await sessions.end(userID: user.id, sessionID: id)))
        }
    }
}
