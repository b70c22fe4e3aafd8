import GentaCore

/// Composes template feedback: for a wrong answer, which option is right and why (from the
/// explanation), what probably led to the student's choice, the tip, a word matched to the
/// student's level, and the concept to review; for a right answer, confirmation, the reason,
/// the tip, the level word and the concept.
struct TemplateFeedbackWriter {
    let request: FeedbackRequest

    /// Explanation sentences quoted at most; the bank's explanations run to three or four.
    static let explanationSentences = 2
    /// Characters of explanation, tip or option text quoted at most, so the whole stays well
    /// inside `PromptTemplates.maxCharacters`.
    static let quoteLimit = 420

    private var phrases: TemplatePhrases { TemplatePhrases(language: request.language) }

    func text() -> String {
        request.isCorrect ? rightAnswer() : wrongAnswer()
    }

    private func wrongAnswer() -> String {
        let chosen = request.studentAnswer
        let sentences = ExplanationSentences(request.explanation.nonBlank ?? "")
        // A sentence of the explanation about the chosen option says best why it is wrong.
        let aboutChoice = sentences.first(mentioning: request.text(of: chosen))
        var first = [phrases.wrongOpening(chosen: label(chosen), correct: label(request.correctAnswer))]
        let reasons = sentences.leading(Self.explanationSentences, avoiding: distractors, limit: Self.quoteLimit)
        if !reasons.isEmpty, reasons != aboutChoice { first.append(phrases.because(Self.sentence(reasons))) }
        var second: [String] = []
        if let aboutChoice {
            second.append(phrases.aboutChoice(chosen.rawValue, sentence: Self.sentence(aboutChoice)))
        } else {
            second.append(phrases.misconception(MisconceptionHint(request: request), option: chosen.rawValue))
        }
        second += closing()
        return [first.joined(separator: " "), second.joined(separator: " ")].joined(separator: "\n\n")
    }

    private func rightAnswer() -> String {
        let sentences = ExplanationSentences(request.explanation.nonBlank ?? "")
        var first = [phrases.rightOpening(correct: label(request.correctAnswer))]
        let reasons = sentences.leading(Self.explanationSentences, avoiding: distractors, limit: Self.quoteLimit)
        if !reasons.isEmpty { first.append(phrases.because(Self.sentence(reasons))) }
        return [first.joined(separator: " "), closing().joined(separator: " ")].joined(separator: "\n\n")
    }

    /// The tip, the level word and the concept: the same for right and wrong answers.
    private func closing() -> [String] {
        var parts: [String] = []
        if let tip = request.strategyTip.nonBlank {
            let bounded = Self.sentence(ExplanationSentences.bounded(tip, limit: Self.quoteLimit))
            parts.append(phrases.tip(bounded, isCorrect: request.isCorrect))
        }
        parts.append(phrases.levelAdvice(request.level, isCorrect: request.isCorrect))
        if let concept = request.relatedConcept.nonBlank {
            parts.append(phrases.review(ConceptName.readable(concept)))
        }
        return parts
    }

    /// The texts of the options that are not the key.
    private var distractors: [String] {
        AnswerOption.allCases.filter { $0 != request.correctAnswer }.map(request.text(of:))
    }

    /// `B (Makan)`, or just `B` when the option has no text.
    private func label(_ option: AnswerOption) -> String {
        guard let text = request.text(of: option).nonBlank else { return option.rawValue }
        return "\(option.rawValue) (\(ExplanationSentences.bounded(text, limit: 120)))"
    }

    /// `text` ending in a full stop (or the ! ? … it already ends in), so the next sentence
    /// does not run on.
    static func sentence(_ text: String) -> String {
        guard let last = text.last, !".!?…".contains(last) else { return text }
        return text + "."
    }
}
