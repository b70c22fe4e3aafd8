import Foundation
import GentaCore
import GentaStore
import Hummingbird

/// The mistake book and the answer history: the same `HistoryQueries` as `GET /api/v1/attempts`,
/// a page of 20 at a time, filtered by subtest, sub type and by right or wrong. Any answered
/// question can be tried again.
struct HistoryPages {
    let pages: WebPages
    let history: HistoryQueries
    let clock: WallClock

    func addRoutes(to routes: Routes) {
        routes.get("riwayat") { request, context in
            guard let user = context.user else { return WebForm.signIn(request) }
            let query = request.uri.queryParameters
            let section = try Input.section(query["subtes"].map(String.init), field: "subtes")
            let subType = try Input.subType(query["tipe"].map(String.init), field: "tipe")
            let mistakesOnly = query["salah"] == "1"
            let page = try await history.page(userID: user.id, HistoryQueries.Filter(
                section: section, subType: subType, isCorrect: mistakesOnly ? false : nil, limit: 20,
                after: try Input.cursor(query["cursor"].map(String.init))))
            let subTypes = try await history.subTypes(userID: user.id)
            var filters = ["salah=\(mistakesOnly ? "1" : "0")"]
            if let section { filters.append("subtes=\(section.rawValue)") }
            if let subType { filters.append("tipe=\(subType)") }
            return pages.render("history", [
                "entries": page.entries.map(Self.values),
                "sections": Section.allCases.map { ["code": $0.rawValue, "selected": $0 == section] },
                "sub_types": subTypes.map { entry in
                    ["value": entry.subType, "label": "\(entry.section.rawValue) · \(entry.subType)", "selected": entry.subType == subType]
                },
                "mistakes_only": mistakesOnly,
                "next": page.next.map { "/riwayat?" + (filters + ["cursor=\($0.token)"]).joined(separator: "&") } ?? "",
                "empty": page.entries.isEmpty,
            ], page: WebController.frame(request, context))
        }
        // Trying a question again: it is known now, so the answer is graded and explained but
        // not recorded — it would say nothing about ability and must not move θ.
        routes.get("riwayat/ulang/{attempt}") { request, context in
            guard let user = context.user else { return WebForm.signIn(request) }
            let entry = try await ownEntry(context, user: user)
            let frame = WebController.frame(request, context)
            var values = QuestionView(served: Self.served(entry, now: clock.now()), language: frame.language, now: clock.now()).values
            values["action"] = "/riwayat/ulang/\(entry.attemptID.uuidString.lowercased())"
            values["retry"] = true
            return pages.render("question", values, page: frame)
        }
        routes.post("riwayat/ulang/{attempt}") { request, context in
            guard let user = context.user else { return WebForm.signIn(request) }
            let form = try await WebForm.decode([String: String].self, from: request)
            try WebCSRF.check(form["csrf"], seed: context.csrfSeed)
            let entry = try await ownEntry(context, user: user)
            let response = try PracticePages.answer(form).response()
            if let problem = entry.content.check(response) { throw AppError(.unprocessable, code: "answer_does_not_fit", message: problem) }
            return pages.render("result", [
                "is_correct": entry.content.grade(response), "retry": true,
                "your_answer": ResultView.describe(response), "key": ResultView.describe(entry.content.key),
                "explanation_html": MathText.html(entry.explanation ?? ""),
            ], page: WebController.frame(request, context))
        }
    }

    private func ownEntry(_ context: GentaRequestContext, user: UserAccount) async throws -> HistoryEntry {
        let id = try Input.uuid(context.parameters.get("attempt"), field: "attempt")
        guard let entry = try await history.entry(attemptID: id, userID: user.id) else {
            throw AppError(.notFound, code: "attempt_not_found", message: "That answer is not in your history.")
        }
        return entry
    }

    /// An answered question served again, without its key.
    static func served(_ entry: HistoryEntry, now: Date) -> ServedQuestion {
        ServedQuestion(
            questionID: entry.questionID, sessionID: "", section: entry.section, subType: entry.subType, text: entry.questionText,
            content: entry.content.served, passage: entry.passage, servedAt: now, remainingToday: nil)
    }

    static func values(_ entry: HistoryEntry) -> [String: Any] {
        [
            "attempt_id": entry.attemptID.uuidString.lowercased(),
            "section": entry.section.rawValue, "sub_type": entry.subType ?? "",
            "text_html": MathText.html(entry.questionText), "is_correct": entry.isCorrect,
            "your_answer": ResultView.describe(entry.response), "key": ResultView.describe(entry.content.key),
            "explanation_html": MathText.html(entry.explanation ?? ""),
            "date": PracticeDay.today(entry.createdAt).description,
        ]
    }
}
