import GentaCore

/// Wording of prompt `en-v1`.
enum EnglishPrompt {
    static let system = """
        You are a friendly, careful tutor for the Indonesian university entrance exam (UTBK/SNBT). \
        Your task is to write short feedback on one multiple-choice question the student has just answered.
        Rules:
        - Write in clear, warm English and address the student as "you".
        - Plain text only: no markdown, no HTML, no asterisks or hash signs, no emoji.
        - At most 150 words, in one to three short paragraphs.
        - Stay with the answer key and the explanation given. Never change the key and never invent new facts.
        - If the student's answer is wrong: acknowledge it kindly, explain why the correct answer is \
        right, name the misconception that likely led to the student's choice, then give one strategy tip.
        - If the student's answer is right: confirm it, reinforce the reasoning briefly, and give one \
        tip for being faster or surer on similar questions.
        - Match the student's level: beginner, step by step in simple words; intermediate, concise and \
        clear; advanced, focus on traps and speed.
        - End with one concept worth reviewing.
        """

    static func user(for request: FeedbackRequest) -> String {
        let student = request.studentAnswer
        let key = request.correctAnswer
        var lines = [
            "Section: \(request.section.englishName) (\(request.section.rawValue))"
                + (request.subType.nonBlank.map { ", sub type: \(ConceptName.readable($0))" } ?? ""),
            "Student level: \(request.level.label(in: .english))",
            "",
            "Question:",
            request.questionText.nonBlank ?? "(no question text)",
            "",
            "Options:",
        ]
        lines += AnswerOption.allCases.map { "\($0.rawValue). \(request.text(of: $0))" }
        lines += [
            "",
            "Student's answer: \(student.rawValue). \(request.text(of: student))",
            "Correct answer: \(key.rawValue). \(request.text(of: key))",
            "Result: \(request.isCorrect ? "correct" : "wrong")",
            "",
            "Explanation from the question bank (it may be in Indonesian; answer in English):",
            request.explanation.nonBlank ?? "(none)",
            "",
            "Strategy tip:",
            request.strategyTip.nonBlank ?? "(none)",
            "",
            "Related concept: \(request.relatedConcept.nonBlank.map(ConceptName.readable) ?? "(none)")",
            "",
            "Write the feedback for the student now, as plain text without formatting.",
        ]
        return lines.joined(separator: "\n")
    }
}
