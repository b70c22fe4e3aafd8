import Foundation
import GentaCore

/// What the dashboard shows, as template values.
struct DashboardView {
    let user: UserAccount
    let rows: [SectionReadiness]
    let language: WebLanguage

    var values: [String: Any] {
        let text = language.text
        return [
            "name": user.fullName ?? user.email,
            "target_ptn": user.targetPTN ?? "",
            "target_score": user.targetScore.map(String.init) ?? "",
            "chart": ScoreChart.svg(rows, title: text["readiness_title"] ?? ""),
            "sections": rows.map { row in
                [
                    "code": row.section.rawValue,
                    "name": language == .id ? row.section.indonesianName : row.section.englishName,
                    "range": "\(row.predictedScoreLow)–\(row.predictedScoreHigh)",
                    "readiness": Self.percent(row.readinessPercentage, of: 100),
                    "ready_by": readyBy(row.readyBy, text),
                    "accuracy": Self.percent(row.recentAccuracy, of: 1),
                    "answered": row.totalAttempts,
                ] as [String: Any]
            },
            "next_section": nextSection?.rawValue ?? Section.pu.rawValue,
            "next_section_name": (language == .id ? nextSection?.indonesianName : nextSection?.englishName) ?? "",
        ]
    }

    /// The subtest furthest below the target, weighted by how many questions the exam gives it
    /// (a point of PU counts over 30 questions, of PPU over 20); before any target, the least practised.
    var nextSection: Section? {
        let weights = Dictionary(ExamStructure.utbk2025.timedBlocks.map { ($0.section, $0.questions) }, uniquingKeysWith: +)
        guard rows.contains(where: { $0.targetScore != nil }) else { return rows.min { $0.totalAttempts < $1.totalAttempts }?.section }
        return rows.max { gap($0, weights) < gap($1, weights) }?.section
    }

    private func gap(_ row: SectionReadiness, _ weights: [Section: Int]) -> Double {
        Double((row.targetScore ?? 0) - row.predictedScore) * Double(weights[row.section] ?? 1)
    }

    /// "42%" of a share of `whole`, bounded before it becomes an integer; "—" when unknown.
    static func percent(_ value: Double?, of whole: Double) -> String {
        guard let value, let percent = Bounded.nearest(value / whole * 100, in: 0...100) else { return "—" }
        return "\(percent)%"
    }

    private func readyBy(_ readyBy: SectionReadiness.ReadyBy, _ text: [String: String]) -> String {
        switch readyBy {
        case .date(let day, _): "\(text["ready_by"] ?? "") \(day)"
        case .alreadyReady: language == .id ? "Sudah siap" : "Ready now"
        case .noTarget: language == .id ? "Belum ada target" : "No target yet"
        case .notEnoughData: text["not_enough_data"] ?? ""
        case .notImproving: language == .id ? "Belum ada kemajuan" : "Not improving yet"
        }
    }
}
