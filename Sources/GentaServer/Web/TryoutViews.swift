import Foundation
import GentaCore

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
                    "answered": question.response != nil, "seconds": question.timeSpentSeconds,
                ]
                if let passageID = question.passageID, let passage = passages[passageID], shownPassages.insert(passageID).inserted {
                    values["passage"] = PassageView.values(passage)
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

extension TryoutResultView {
    /// A sitting in the student's tryout history.
    static func summary(_ sitting: SittingSummary) -> [String: Any] {
        [
            "id": sitting.id.uuidString.lowercased(), "event": sitting.eventName,
            "date": PracticeDay.today(sitting.startedAt).description,
            "finished": sitting.finishedAt != nil, "overall": sitting.overallScore.map(score) ?? "—",
        ]
    }
}

/// A finished sitting's review, one block a page (a full tryout's 160 questions with their
/// passages and explanations would be far over a phone's page budget): each question with the
/// student's answer, the key and the explanation, each passage once before its first question,
/// and links to every block.
struct TryoutReviewView {
    let state: SittingState
    let items: [ReviewItem]
    let position: Int

    var values: [String: Any] {
        var shownPassages: Set<UUID> = []
        let sitting = state.id.uuidString.lowercased()
        let shown = items.filter { $0.blockPosition == position }.sorted { $0.question.number < $1.question.number }
        return [
            "event": state.event.name, "sitting": sitting, "block_name": state.timeline.blocks[position].name,
            "blocks": state.timeline.blocks.indices.map { index -> [String: Any] in
                ["href": "/tryout/sesi/\(sitting)/pembahasan?blok=\(index + 1)", "number": index + 1,
                 "name": state.timeline.blocks[index].name, "current": index == position]
            },
            "items": shown.map { item -> [String: Any] in
                var values: [String: Any] = [
                    "number": item.question.number, "text_html": MathText.html(item.question.text),
                    "your_answer": item.question.response.map(ResultView.describe) ?? "",
                    "key": ResultView.describe(item.key), "is_correct": item.isCorrect,
                    "is_blank": item.question.response == nil,
                    "explanation_html": MathText.html(item.explanation ?? ""),
                    "seconds": item.question.timeSpentSeconds,
                ]
                if let passage = item.passage, shownPassages.insert(passage.id).inserted {
                    values["passage"] = PassageView.values(passage)
                }
                return values
            },
        ]
    }
}
