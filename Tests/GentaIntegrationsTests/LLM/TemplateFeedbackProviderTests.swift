import GentaCore
import GentaIntegrations
import Testing

extension LLM {
    /// The offline writer: useful, deterministic, bounded, in both languages.
    @Suite struct TemplateFeedbackProviderTests {
        let template = TemplateFeedbackProvider()

        func text(_ request: FeedbackRequest) -> String {
            template.write(PromptTemplates.prompt(for: request)).text
        }

        @Test func aWrongAnswerInIndonesian() {
            let text = text(LLMFixture.analogy(answer: .a, theta: -1))
            #expect(text.hasPrefix("Jawabanmu A (Makanan) belum tepat; jawaban yang benar adalah B (Makan)."))
            #expect(text.contains("Alasannya: Haus adalah keadaan yang diatasi dengan tindakan minum"))
            // The explanation's asides about other distractors are left out.
            #expect(!text.contains("Perut"))
            // The explanation's sentence about the chosen option explains the mistake.
            #expect(text.contains("Tentang pilihan A: Pilihan \"makanan\" dan \"nasi\" berupa benda, bukan tindakan"))
            #expect(text.contains("Tips: Rumuskan hubungan pasangan pertama"))
            #expect(text.contains("tulis dulu apa yang ditanyakan"))
            #expect(text.hasSuffix("Konsep yang perlu diulang: analogi keadaan tindakan."))
        }

        @Test func aRightAnswerInIndonesian() {
            let text = text(LLMFixture.analogy(answer: .b, theta: 1))
            #expect(text.hasPrefix("Tepat sekali, jawabanmu B (Makan) benar."))
            #expect(text.contains("Alasannya: Haus adalah keadaan"))
            #expect(text.contains("Tips untuk soal serupa: Rumuskan"))
            #expect(text.contains("kecepatan"))
            #expect(!text.contains("belum tepat"))
        }

        @Test func aWrongAnswerInEnglish() {
            let text = text(LLMFixture.analogy(answer: .d, theta: 0, language: .english))
            #expect(text.hasPrefix("Your answer D (Perut) is not quite right; the correct answer is B (Makan)."))
            #expect(text.contains("About option D: \"Perut\" hanya organ"))
            #expect(text.contains("Tip: Rumuskan"))
            #expect(text.contains("compare the two strongest options"))
            #expect(text.hasSuffix("Concept to review: analogi keadaan tindakan."))
        }

        @Test func aRightAnswerInEnglish() {
            let text = text(LLMFixture.analogy(answer: .b, theta: -2, language: .english))
            #expect(text.hasPrefix("Well done, your answer B (Makan) is correct."))
            #expect(text.contains("Tip for similar questions:"))
        }

        @Test func namesAGeneralMisconceptionWhenTheExplanationIsSilent() {
            let numeric = text(LLMFixture.arithmetic())
            #expect(numeric.contains("Pilihan A biasanya muncul dari salah hitung"))
            var reasoning = LLMFixture.analogy(answer: .c)
            reasoning.explanation = "Haus diatasi dengan minum, lapar diatasi dengan makan."
            #expect(text(reasoning).contains("Pilihan C mungkin terasa benar karena hubungannya tampak mirip"))
        }

        @Test func isDeterministicAndFree() {
            let prompt = LLMFixture.prompt()
            #expect(template.write(prompt) == template.write(prompt))
            let reply = template.write(prompt)
            #expect(reply.model == "template")
            #expect(reply.provider == "template")
            #expect(PriceTable.defaults.cost(of: reply) == 0)
        }

        @Test func staysWithinTheLengthLimitAndPlain() {
            var request = LLMFixture.analogy()
            request.explanation = String(repeating: "Penjelasan yang sangat panjang sekali. ", count: 200)
            request.strategyTip = "<b>Baca</b> " + String(repeating: "tips ", count: 400)
            let prompt = PromptTemplates.prompt(for: request)
            let text = template.write(prompt).text
            #expect(text.count <= prompt.maxCharacters)
            #expect(!text.contains("<b>"))
            #expect(text.contains("Konsep yang perlu diulang"))
        }

        @Test func copesWithoutExplanationTipOrConcept() {
            var request = LLMFixture.analogy()
            request.explanation = nil
            request.strategyTip = nil
            request.relatedConcept = ""
            let text = text(request)
            #expect(text.hasPrefix("Jawabanmu A (Makanan) belum tepat"))
            #expect(!text.contains("Alasannya"))
            #expect(!text.contains("Tips"))
            #expect(!text.contains("Konsep"))
        }
    }
}
