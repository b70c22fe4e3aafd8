import Foundation
import GentaCore

/// What probably drew a student to a wrong option, guessed in general terms from the options
/// and the section when the explanation says nothing about that option.
enum MisconceptionHint: Equatable {
    /// Both the chosen and the keyed option are numbers: a slip in calculation.
    case calculation
    /// The chosen option repeats a word of the question and the key does not: matching on the
    /// surface.
    case surfaceMatch
    /// Otherwise, by section.
    case sectionTypical(Section)

    init(request: FeedbackRequest) {
        let chosen = request.text(of: request.studentAnswer)
        if Self.isNumeric(chosen), Self.isNumeric(request.text(of: request.correctAnswer)) {
            self = .calculation
        } else if Self.sharesWord(chosen, with: request.questionText),
            !Self.sharesWord(request.text(of: request.correctAnswer), with: request.questionText)
        {
            self = .surfaceMatch
        } else {
            self = .sectionTypical(request.section)
        }
    }

    /// A number, fraction, percentage or simple expression of them ("12", "-3,5", "2/3", "25%").
    static func isNumeric(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains(where: \.isNumber) else { return false }
        return trimmed.allSatisfy { $0.isNumber || "+-−,./%() ".contains($0) }
    }

    /// Whether a word of four letters or more in `option` also appears in `question`.
    static func sharesWord(_ option: String, with question: String) -> Bool {
        let questionWords = Set(words(question))
        return words(option).contains { $0.count >= 4 && questionWords.contains($0) }
    }

    private static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
    }
}
