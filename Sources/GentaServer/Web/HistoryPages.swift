import Foundation
import GentaCore
import GentaStore
import Hummingbird

/// The mistake book and the answer history: the same `HistoryQueries` as `GET /api/v1/attempts`,
/// a page of 20 at a time, filtered by subtest and by right or wrong.
struct HistoryPages {
    let pages: WebPages
    let history: HistoryQueries

    func addRoutes(to routes: Routes) {
        routes.get("riwayat") { request, context in
            guard let user = context.user else { return WebForm.redirect("/masuk") }
            let query = request.uri.queryParameters
            let section = try Input.section(query["subtes"].map(String.init), field: "subtes")
            let mistakesOnly = query["salah"] == "1"
            let page = try await history.page(userID: user.id, HistoryQueries.Filter(
                section: section, isCorrect: mistakesOnly ? false : nil, limit: 20,
                after: try Input.cursor(query["cursor"].map(String.init))))
            let frame = WebController.frame(request, context)
            var filters = ["salah=\(mistakesOnly ? "1" : "0")"]
            if let section { filters.append("subtes=\(section.rawValue)") }
            return pages.render("history", [
                "entries": page.entries.map { entry in
                    [
                        "section": entry.section.rawValue, "sub_type": entry.subType ?? "",
                        "text_html": MathText.html(entry.questionText), "is_correct": entry.isCorrect,
                        "your_answer": ResultView.describe(entry.response), "key": ResultView.describe(entry.content.key),
                        "explanation_html": MathText.html(entry.explanation ?? ""),
                        "date": PracticeDay.today(entry.createdAt).description,
                    ] as [String: Any]
                },
                "sections": Section.allCases.map { ["code": $0.rawValue, "selected": $0 == section] },
                "mistakes_only": mistakesOnly,
                "next": page.next.map { "/riwayat?" + (filters + ["cursor=\($0.token)"]).joined(separator: "&") } ?? "",
                "empty": page.entries.isEmpty,
            ], page: frame)
        }
    }
}
