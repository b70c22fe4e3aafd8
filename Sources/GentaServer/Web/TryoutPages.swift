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
            guard let user = context.user else { return WebForm.redirect("/masuk") }
            let listings = try await events.open(at: clock.now(), userID: user.id)
            return pages.render("tryouts", ["events": listings.map { listing in
                [
                    "id": listing.event.id.uuidString.lowercased(), "name": listing.event.name,
                    "questions": listing.event.totalQuestions, "minutes": listing.event.totalSeconds / 60,
                    "closes": PracticeDay.today(listing.event.closesAt).description,
                    "sitting": listing.sittingID?.uuidString.lowercased() ?? "", "finished": listing.sittingFinished,
                ] as [String: Any]
            }, "empty": listings.isEmpty], page: WebController.frame(request, context))
        }
        routes.post("tryout/{event}/mulai") { request, context in
            guard let user = context.user else { return WebForm.redirect("/masuk") }
            try WebCSRF.check(try await WebForm.decode(CSRFForm.self, from: request).csrf, sessionToken: context.webSessionToken)
            let state = try await sittings.start(eventID: try Input.uuid(context.parameters.get("event"), field: "event"), user: user)
            return WebForm.redirect("/tryout/sesi/\(state.id.uuidString.lowercased())")
        }
        routes.get("tryout/sesi/{sitting}") { request, context in
            guard let user = context.user else { return WebForm.redirect("/masuk") }
            let id = try Input.uuid(context.parameters.get("sitting"), field: "sitting")
            let frame = WebController.frame(request, context)
            let state = try await sittings.state(sittingID: id, userID: user.id)
            if let result = state.result { return pages.render("tryout_result", TryoutResultView(state: state, result: result).values, page: frame) }
            let block = try await sittings.openBlock(sittingID: id, userID: user.id)
            return pages.render("tryout_block", TryoutBlockView(block: block, now: clock.now()).values, page: frame)
        }
        routes.post("tryout/sesi/{sitting}/blok/{position}") { request, context in
            guard let user = context.user else { return WebForm.redirect("/masuk") }
            let id = try Input.uuid(context.parameters.get("sitting"), field: "sitting")
            let position = try Input.integer(context.parameters.get("position"), field: "position", default: -1, in: 0...99)
            let form = try await WebForm.decode([String: String].self, from: request)
            try WebCSRF.check(form["csrf"], sessionToken: context.webSessionToken)
            let back = WebForm.redirect("/tryout/sesi/\(id.uuidString.lowercased())")
            let block = try await sittings.openBlock(sittingID: id, userID: user.id)
            // The block closed meanwhile (time up): nothing more can be saved in it.
            guard block.position == position else { return back }
            for question in block.questions {
                let answer = TryoutAnswer(
                    response: try Self.response(form, number: question.number), isUnsure: form["q\(question.number)_unsure"] == "1",
                    timeSpentSeconds: question.timeSpentSeconds)
                guard answer.response != question.response || answer.isUnsure != question.isUnsure else { continue }
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

/// The open block as template values: each question with its saved answer filled in.
struct TryoutBlockView {
    let block: OpenBlock
    let now: Date

    var values: [String: Any] {
        let timed = block.state.timeline.blocks[block.position]
        let deadline = block.state.timeline.times[block.position].deadline ?? now
        let passages = Dictionary(block.passages.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var shownPassages: Set<UUID> = []
        return [
            "sitting": block.state.id.uuidString.lowercased(), "position": block.position, "event": block.state.event.name,
            "block_name": timed.name, "block_number": block.position + 1, "block_count": block.state.timeline.blocks.count,
            "deadline": deadline.formatted(Date.ISO8601FormatStyle()),
            "deadline_clock": Self.clock(deadline),
            "seconds_left": max(0, Bounded.nearest(deadline.timeIntervalSince(now), in: 0...86_400) ?? 0),
            "questions": block.questions.map { question -> [String: Any] in
                var values: [String: Any] = [
                    "number": question.number, "text_html": MathText.html(question.text), "unsure": question.isUnsure,
                    "answered": question.response != nil,
                ]
                if let passageID = question.passageID, let passage = passages[passageID], shownPassages.insert(passageID).inserted {
                    values["passage"] = ["title": passage.title ?? "", "text_html": MathText.html(passage.text)]
                }
                switch question.content {
                case .multipleChoice(let options):
                    values["has_options"] = true
                    values["options"] = AnswerOption.allCases.map { letter in
                        ["letter": letter.rawValue, "text_html": MathText.html(options[letter] ?? ""),
                         "checked": question.response == .choice(letter)] as [String: Any]
                    }
                case .complex(let labels, let statements):
                    let chosen: [String] = if case .statements(let answers) = question.response { answers } else { [] }
                    values["statements"] = statements.enumerated().map { index, statement in
                        ["index": index, "text_html": MathText.html(statement), "choices": labels.map { label in
                            ["label": label, "checked": index < chosen.count && chosen[index] == label] as [String: Any]
                        }] as [String: Any]
                    }
                case .shortAnswer:
                    let text: String = if case .text(let text) = question.response { text } else { "" }
                    values["short"] = ["value": text]
                }
                return values
            },
        ]
    }

    /// "14:05 WIB".
    static func clock(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: PracticeDay.secondsFromGMT)!  // ok: a fixed offset always exists
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d WIB", parts.hour ?? 0, parts.minute ?? 0)
    }
}

/// A finished sitting's scores as template values.
struct TryoutResultView {
    let state: SittingState
    let result: SittingResult

    var values: [String: Any] {
        [
            "event": state.event.name, "sitting": state.id.uuidString.lowercased(),
            "overall": Self.score(result.overallScore),
            "overall_percentile": result.overallPercentile.map { Self.score($0) } ?? "",
            "subtests": result.subtests.map { score in
                [
                    "section": score.section.rawValue, "score": Self.score(score.score),
                    "range": "\(Self.score(score.scoreLow))–\(Self.score(score.scoreHigh))",
                    "correct": score.correct, "wrong": score.wrong, "blank": score.blank,
                    "seconds_per_question": (score.correct + score.wrong + score.blank) > 0
                        ? String(score.timeSpentSeconds / (score.correct + score.wrong + score.blank)) : "—",
                    "percentile": score.percentile.map { Self.score($0) } ?? "—",
                ] as [String: Any]
            },
        ]
    }

    static func score(_ value: Double) -> String {
        Bounded.nearest(value, in: 0...1000).map(String.init) ?? "—"
    }
}
