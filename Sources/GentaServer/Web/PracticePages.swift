import Foundation
import GentaCore
import GentaStore
import Hummingbird

/// Practice in the browser: choose a subtest, answer one question at a time with a plain form
/// (it works without JavaScript), see the key, the explanation and how θ moved. The same
/// queries as `/api/v1/practice/next` and `/api/v1/attempts`.
struct PracticePages {
    let pages: WebPages
    let sessions: SessionQueries
    let nextQuestion: NextQuestionQueries
    let recorder: AttemptRecorder
    let clock: WallClock

    func addRoutes(to routes: Routes) {
        routes.get("latihan") { request, context in
            guard let user = context.user else { return WebForm.signIn(request) }
            let frame = WebController.frame(request, context)
            let sections = Section.allCases.map { section in
                ["code": section.rawValue, "name": frame.language == .id ? section.indonesianName : section.englishName]
            }
            let recent = try await sessions.list(userID: user.id, limit: 10).sessions
            return pages.render("practice_choose", [
                "sections": sections, "has_sessions": !recent.isEmpty,
                "sessions": recent.map { session in
                    [
                        "id": session.id, "date": PracticeDay.today(session.startedAt).description,
                        "section": session.section?.rawValue ?? frame.language.text["all"] ?? "",
                        "answered": session.questionsAttempted, "accuracy": DashboardView.percent(session.accuracy, of: 1),
                        "ended": session.endedAt != nil,
                    ] as [String: Any]
                },
            ], page: frame)
        }
        routes.post("latihan") { request, context in
            guard let user = context.user else { return WebForm.signIn(request) }
            let form = try await WebForm.decode(StartForm.self, from: request)
            try WebCSRF.check(form.csrf, seed: context.csrfSeed)
            let section = try Input.section(form.section)
            let session = try await sessions.start(userID: user.id, section: section)
            return WebForm.redirect("/latihan/\(session.id)")
        }
        routes.get("latihan/{session}") { request, context in
            guard let user = context.user else { return WebForm.signIn(request) }
            let sessionID = try Input.sessionID(context.parameters.get("session"), field: "session")
            let served = try await nextQuestion.next(for: user, section: nil, sessionID: sessionID)
            let frame = WebController.frame(request, context)
            return pages.render("question", QuestionView(served: served, language: frame.language, now: clock.now()).values, page: frame)
        }
        routes.post("latihan/{session}/jawab") { request, context in
            guard let user = context.user else { return WebForm.signIn(request) }
            let sessionID = try Input.sessionID(context.parameters.get("session"), field: "session")
            let form = try await WebForm.decode([String: String].self, from: request)
            try WebCSRF.check(form["csrf"], seed: context.csrfSeed)
            let result = try await recorder.record(try Self.submission(form, sessionID: sessionID, now: clock.now()), by: user)
            let frame = WebController.frame(request, context)
            return pages.render("result", ResultView(result: result).values, page: frame)
        }
    }

    /// The answer form as the API's submission: the same answer shapes and checks
    /// (`AnswerInput`), time from the page's own `started` stamp, and the page's idempotency
    /// key, so posting the same page twice records one answer.
    static func submission(_ form: [String: String], sessionID: String, now: Date) throws -> AnswerSubmission {
        let input = answer(form)
        let started = form["started"].flatMap(Double.init).flatMap { $0.isFinite ? $0 : nil } ?? now.timeIntervalSince1970
        let seconds = Bounded.integer(now.timeIntervalSince1970 - started, in: 0...AnswerSubmission.maximumTimeSpentSeconds) ?? 0
        guard let key = form["key"], case .success(let idempotencyKey) = DatabaseText.checked(key, maximum: 100) else {
            throw AppError(.badRequest, code: "invalid_form", message: "The form was incomplete; go back and answer again.")
        }
        return AnswerSubmission(
            questionID: try Input.uuid(form["question_id"], field: "question_id"), sessionID: sessionID,
            response: try input.response(), timeSpentSeconds: seconds, idempotencyKey: idempotencyKey)
    }
}

extension PracticePages {
    /// A question form's answer fields (`choice`, `s0`…, `short_answer`) as the API's answer.
    static func answer(_ form: [String: String]) -> AnswerInput {
        let statements = (0..<StudentResponse.maximumStatements).compactMap { form["s\($0)"] }
        return AnswerInput(
            selected_answer: form["choice"], statement_answers: statements.isEmpty ? nil : statements,
            short_answer: form["short_answer"])
    }
}

struct StartForm: Decodable {
    let csrf: String?
    let section: String?
}
