import GentaCore
import GentaIntegrations
import Testing

extension LLM {
    /// What the model is told, in both languages.
    @Suite struct PromptTemplatesTests {
        @Test func theIndonesianPromptCarriesEveryFact() {
            let prompt = PromptTemplates.prompt(for: LLMFixture.analogy(answer: .a, theta: 0.1))
            #expect(prompt.version == "id-v1")
            #expect(prompt.language == .indonesian)
            #expect(prompt.user.contains("HAUS : MINUM = LAPAR : ..."))
            for (option, text) in LLMFixture.analogyOptions {
                #expect(prompt.user.contains("\(option.rawValue). \(text)"))
            }
            #expect(prompt.user.contains("Jawaban siswa: A. Makanan"))
            #expect(prompt.user.contains("Jawaban benar: B. Makan"))
            #expect(prompt.user.contains("Hasil: salah"))
            #expect(prompt.user.contains(LLMFixture.analogyExplanation))
            #expect(prompt.user.contains(LLMFixture.analogyTip))
            #expect(prompt.user.contains("Tingkat siswa: menengah"))
            #expect(prompt.user.contains("Konsep terkait: analogi keadaan tindakan"))
            #expect(prompt.user.contains("Penalaran Umum (PU), subtipe: analogi"))
            #expect(prompt.system.contains("tanpa markdown, tanpa HTML"))
            #expect(prompt.system.contains("150 kata"))
            #expect(prompt.system.contains("bahasa Indonesia"))
        }

        @Test func theEnglishPromptCarriesEveryFact() {
            let prompt = PromptTemplates.prompt(for: LLMFixture.analogy(answer: .b, theta: 1.2, language: .english))
            #expect(prompt.version == "en-v1")
            #expect(prompt.user.contains("Student's answer: B. Makan"))
            #expect(prompt.user.contains("Correct answer: B. Makan"))
            #expect(prompt.user.contains("Result: correct"))
            #expect(prompt.user.contains("Student level: advanced"))
            #expect(prompt.user.contains(LLMFixture.analogyExplanation))
            #expect(prompt.user.contains(LLMFixture.analogyTip))
            #expect(prompt.user.contains("General Reasoning (PU)"))
            #expect(prompt.system.contains("Plain text only: no markdown, no HTML"))
            #expect(prompt.system.contains("At most 150 words"))
            #expect(!prompt.system.contains("bahasa Indonesia"))
        }

        @Test func limitsAreBounded() {
            let prompt = LLMFixture.prompt()
            #expect(prompt.maxTokens == 400)
            #expect(prompt.temperature == 0.3)
            #expect(prompt.maxCharacters == PromptTemplates.maxCharacters)
            #expect(prompt.request == LLMFixture.analogy())
        }

        @Test func missingTipAndExplanationAreSaidSo() {
            var request = LLMFixture.analogy()
            request.explanation = nil
            request.strategyTip = "  "
            request.relatedConcept = nil
            let prompt = PromptTemplates.prompt(for: request)
            #expect(prompt.user.contains("Pembahasan dari bank soal:\n(tidak ada)"))
            #expect(prompt.user.contains("Tips strategi:\n(tidak ada)"))
            #expect(prompt.user.contains("Konsep terkait: (tidak ada)"))
        }

        @Test(arguments: [
            (-3.0, StudentLevel.beginner), (-0.51, .beginner), (-0.5, .intermediate), (0.0, .intermediate),
            (0.49, .intermediate), (0.5, .advanced), (2.5, .advanced), (Double.nan, .intermediate),
        ])
        func levelsFollowTheta(theta: Double, level: StudentLevel) {
            #expect(StudentLevel(theta: theta) == level)
        }

        @Test func levelLabels() {
            #expect(StudentLevel.allCases.map { $0.label(in: .indonesian) } == ["pemula", "menengah", "mahir"])
            #expect(StudentLevel.allCases.map { $0.label(in: .english) } == ["beginner", "intermediate", "advanced"])
        }
    }
}
