import Foundation
import GentaCore
import GentaStore
import Hummingbird

/// Tryouts in the browser, block by block on the server's clock: the same
/// `TryoutSittingQueries` as `/api/v1/tryout-sittings`. A block is one form; "Simpan" saves
/// every answer and ragu-ragu flag (the page's script also saves on every change), "Selesai"
/// saves and closes the block. A block whose time is up is closed by the server, and the page
/// moves on to the next one.
struct TryoutPages {
    let pages: WebPages
    let events: TryoutEventQueries
    let sittings: TryoutSittingQueries
    let clock: WallClock

    func addRoutes(to routes: Routes) {
        routes.get("tryout") { request, context in
            guard let user = context.user else { return WebForm.signIn(request) }
            let listings = try await events.open(at: clock.now(), userID: user.id)
            let past = try await sittings.history(userID: user.id, limit: 20)
            return pages.render("tryouts", ["history": past.map(TryoutResultView.summary), "has_history": !past.isEmpty, "events": listings.map { listing in
                [
                    "id": listing.event.id.uuidString.lowercased(), "name": listing.event.name,
                    "questions": listing.event.totalQuestions, "minutes": listing.event.totalSeconds / 60,
                    "closes": PracticeDay.today(listing.event.closesAt).description,
                    "sitting": listing.sittingID?.uuidString.lowercased() ?? "", "finished": listing.sittingFinished,
                ] as [String: Any]
            }, "empty": listings.isEmpty], page: WebController.frame(request, context))
        }
        routes.post("tryout/{event}/mulai") { request, context in
            guard let user = context.user else { return WebForm.signIn(request) }
            try WebCSRF.check(try await WebForm.decode(CSRFForm.self, from: request).csrf, seed: context.csrfSeed)
            let state = try await sittings.start(eventID: try Input.uuid(context.parameters.get("event"), field: "event"), user: user)
            return WebForm.redirect("/tryout/sesi/\(state.id.uuidString.lowercased())")
        }
        routes.get("tryout/sesi/{sitting}") { request, context in
            guard let user = context.user else { return WebForm.signIn(request) }
            let id = try Input.uuid(context.parameters.get("sitting"), field: "sitting")
            let frame = WebController.frame(request, context)
            let state = try await sittings.state(sittingID: id, userID: user.id)
            if let result = state.result { return pages.render("tryout_result", TryoutResultView(state: state, result: result).values, page: frame) }
            let block = try await sittings.openBlock(sittingID: id, userID: user.id)
            return pages.render("tryout_block", TryoutBlockView(block: block, now: clock.now()).values, page: frame)
        }
        routes.get("tryout/sesi/{sitting}/pembahasan") { request, context in
            guard let user = context.user else { return WebForm.signIn(request) }
            let id = try Input.uuid(context.parameters.get("sitting"), field: "sitting")
            let (state, items) = try await sittings.review(sittingID: id, userID: user.id)
            let blocks = state.timeline.blocks.count
            let block = try Input.integer(request.uri.queryParameters["blok"].map(String.init), field: "blok", default: 1, in: 1...max(blocks, 1))
            return pages.render("tryout_review", TryoutReviewView(state: state, items: items, position: block - 1).values,
                page: WebController.frame(request, context))
        }
        routes.post("tryout/sesi/{sitting}/blok/{position}") { request, context in
            guard let user = context.user else { return WebForm.signIn(request) }
            let id = try Input.uuid(context.parameters.get("sitting"), field: "sitting")
            let position = try Input.integer(context.parameters.get("position"), field: "position", default: -1, in: 0...99)
            let form = try await WebForm.decode([String: String].self, from: request)
            try WebCSRF.check(form["csrf"], seed: context.csrfSeed)
            let back = WebForm.redirect("/tryout/sesi/\(id.uuidString.lowercased())")
            let block = try await sittings.openBlock(sittingID: id, userID: user.id)
            // The block closed meanwhile (time up): nothing more can be saved in it.
            guard block.position == position else { return back }
            for question in block.questions {
                // The page's script adds up the time spent on each question; a plain form keeps
                // what was saved. Bounded like the API's.
                let seconds = form["q\(question.number)_seconds"].flatMap { Int($0) }.map { min(max($0, 0), 86_400) }
                let answer = TryoutAnswer(
                    response: try Self.response(form, number: question.number), isUnsure: form["q\(question.number)_unsure"] == "1",
                    timeSpentSeconds: seconds ?? question.timeSpentSeconds)
                guard answer.response != question.response || answer.isUnsure != question.isUnsure
                    || answer.timeSpentSeconds != question.timeSpentSeconds
                else { continue }
                _ = try await sittings.save(answer, questionID: question.questionID, sittingID: id, userID: user.id)
            }
            if form["action"] == "finish" { _ = try await sittings.finishBlock(sittingID: id, position: position, userID: user.id) }
            return back
        }
    }

    /// Question `number`'s answer in the block form, checked as the API checks one (`AnswerInput`);
    /// nil when left blank.
    static func response(_ form: [String: String], number: Int) throws -> StudentResponse? {
        let prefix = "q\(number)_"
        let statements = (0..<StudentResponse.maximumStatements).compactMap { form["\(prefix)s\($0)"] }
        let short = form[prefix + "short"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        return try AnswerInput(
            selected_answer: form[prefix + "choice"], statement_answers: statements.isEmpty ? nil : statements, short_answer: short
        ).responseIfGiven()
    }
}

