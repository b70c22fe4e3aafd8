import Foundation
import GentaCore
import GentaIntegrations

/// Questions from the demo bank, answered in the ways the tests need.
enum LLMFixture {
    static let analogyOptions: [AnswerOption: String] = [
        .a: "Makanan", .b: "Makan", .c: "Kenyang", .d: "Perut", .e: "Nasi",
    ]
    static let analogyQuestion = "Pilihlah kata yang paling tepat untuk melengkapi analogi berikut.\nHAUS : MINUM = LAPAR : ..."
    static let analogyExplanation = "Haus adalah keadaan yang diatasi dengan tindakan minum, sehingga lapar diatasi dengan tindakan makan. Pilihan \"makanan\" dan \"nasi\" berupa benda, bukan tindakan, sedangkan \"kenyang\" adalah keadaan setelah makan. \"Perut\" hanya organ yang berkaitan dengan rasa lapar."
    static let analogyTip = "Rumuskan hubungan pasangan pertama dalam satu kalimat, misalnya \"X diatasi dengan melakukan Y\", lalu uji setiap pilihan dengan kalimat yang sama."

    /// The analogy question answered `answer` (key B) by a student at `theta`.
    static func analogy(
        answer: AnswerOption = .a, theta: Double = 0, language: FeedbackLanguage = .indonesian
    ) -> FeedbackRequest {
        FeedbackRequest(
            questionText: analogyQuestion, options: analogyOptions, studentAnswer: answer, correctAnswer: .b,
            explanation: analogyExplanation, strategyTip: analogyTip, relatedConcept: "analogi_keadaan_tindakan",
            section: .pu, subType: "analogi", theta: theta, language: language)
    }

    /// An arithmetic question with numeric options, answered wrongly, whose explanation names no
    /// option.
    static func arithmetic(language: FeedbackLanguage = .indonesian) -> FeedbackRequest {
        FeedbackRequest(
            questionText: "Jika 3x + 5 = 20, berapakah nilai 2x?",
            options: [.a: "5", .b: "10", .c: "15", .d: "25", .e: "30"], studentAnswer: .a, correctAnswer: .b,
            explanation: "Dari 3x + 5 = 20 diperoleh 3x = 15, sehingga x = 5 dan 2x = 10.",
            strategyTip: "Baca lagi apa yang ditanyakan: nilai 2x, bukan x.", relatedConcept: "persamaan_linear",
            section: .pk, subType: "aljabar", level: .beginner, language: language)
    }

    static func prompt(_ request: FeedbackRequest = analogy()) -> Prompt {
        PromptTemplates.prompt(for: request)
    }
}
