import GentaCore
import Testing

@Suite("Demo bank content")
struct DemoBankTests {
    @Test("validates, and covers every section with enough questions and sub types")
    func coverage() throws {
        let questions = try DemoBank.load()
        #expect(questions.count >= 150)
        for section in Section.allCases {
            let inSection = questions.filter { $0.section == section }
            #expect(inSection.count >= 50, "\(section): \(inSection.count) questions")
            #expect(Set(inSection.map(\.subType)).count >= 4, "\(section) sub types")
        }
    }

    @Test("every question is complete: five options, explanation, tip, concept")
    func complete() throws {
        for question in try DemoBank.load() {
            #expect(Set(question.options.values).count == 5)
            #expect(question.strategyTip != nil && question.relatedConcept != nil, "\(question.text.prefix(40))")
        }
    }

    @Test("difficulty spans the range and keyed letters are balanced")
    func spread() throws {
        let questions = try DemoBank.load()
        for section in Section.allCases {
            let b = questions.filter { $0.section == section }.map(\.calibration.difficulty)
            #expect(b.contains { $0 < -1.5 } && b.contains { $0 > 1.5 }, "\(section) difficulty spread")
        }
        let letters = Dictionary(grouping: questions, by: \.correctAnswer).mapValues(\.count)
        for letter in AnswerOption.allCases {
            let share = Double(letters[letter, default: 0]) / Double(questions.count)
            #expect((0.15...0.25).contains(share), "answer \(letter.rawValue) keyed \(letters[letter, default: 0]) times")
        }
    }
}
