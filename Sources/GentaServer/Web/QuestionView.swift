import Foundation
import GentaCore

/// A served question as template values: its text and choices as escaped HTML (with
/// mathematics), and the hidden fields the answer form sends back.
struct QuestionView {
    let served: ServedQuestion
    let language: WebLanguage
    let now: Date

    var values: [String: Any] {
        var values: [String: Any] = [
            "section": served.section.rawValue,
            "section_name": language == .id ? served.section.indonesianName : served.section.englishName,
            "sub_type": served.subType ?? "",
            "text_html": MathText.html(served.text),
            "question_id": served.questionID.uuidString.lowercased(),
            "session_id": served.sessionID,
            "action": "/latihan/\(served.sessionID)/jawab",
            "key": UUID().uuidString.lowercased(),
            // Whole seconds of the server's clock, up to the year 2100.
            "started": String(Bounded.nearest(now.timeIntervalSince1970, in: 0...4_102_444_800) ?? 0),
            "remaining_today": served.remainingToday.map(String.init) ?? "",
        ]
        if let passage = served.passage { values["passage"] = PassageView.values(passage) }
        switch served.content {
        case .multipleChoice(let options):
            values["is_multiple_choice"] = true
            values["multiple_choice"] = AnswerOption.allCases.map { letter in
                ["letter": letter.rawValue, "text_html": MathText.html(options[letter] ?? "")]
            }
        case .complex(let labels, let statements):
            values["statements"] = statements.enumerated().map { index, statement in
                [
                    "index": index, "number": index + 1, "text_html": MathText.html(statement),
                    "choices": labels.map { ["label": $0, "field": "s\(index)"] },
                ] as [String: Any]
            }
            values["is_complex"] = true
        case .shortAnswer:
            values["short_answer"] = true
        }
        return values
    }
}

/// An answered question as template values.
struct ResultView {
    let result: AttemptResult

    var values: [String: Any] {
        [
            "is_correct": result.isCorrect,
            "key": Self.describe(result.key),
            "your_answer": Self.describe(result.response),
            "explanation_html": MathText.html(result.explanation ?? ""),
            "strategy_tip": result.strategyTip ?? "",
            "theta_before": String(format: "%.2f", result.thetaBefore),
            "theta_after": String(format: "%.2f", result.thetaAfter),
            "theta_change": String(format: "%+.2f", result.thetaChange),
            "range": "\(result.predictedScoreLow)–\(result.predictedScoreHigh)",
            "session_id": result.sessionID,
            "attempt_id": result.id.uuidString.lowercased(),
        ]
    }

    static func describe(_ key: AnswerKey) -> String {
        switch key {
        case .choice(let letter): letter.rawValue
        case .statements(let labels): labels.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: ", ")
        case .accepted(let answers): answers.joined(separator: " / ")
        }
    }

    static func describe(_ response: StudentResponse) -> String {
        switch response {
        case .choice(let letter): letter.rawValue
        case .statements(let labels): labels.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: ", ")
        case .text(let text): text
        }
    }
}
