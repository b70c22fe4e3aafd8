import GentaCore
import Testing

@Suite("Demo bank content")
struct DemoBankTests {
    @Test("validates, and covers every subtest with enough questions and sub types")
    func coverage() throws {
        let bank = try DemoBank.load()
        for section in Section.allCases {
            let inSection = bank.questions.filter { $0.section == section }
            #expect(inSection.count >= 45, "\(section): \(inSection.count) questions")
            #expect(Set(inSection.map(\.subType)).count >= 4, "\(section) sub types")
        }
    }

    @Test("holds two disjoint full tryouts: every subtest has at least twice its block's questions")
    func twoForms() throws {
        let questions = try DemoBank.load().questions
        for block in ExamStructure.utbk2025.blocks {
            let count = questions.filter { $0.section.rawValue == block.code }.count
            #expect(count >= 2 * block.questions, "\(block.code): \(count) questions for two forms of \(block.questions)")
        }
    }

    @Test("reading passages: at least 12 across PBM, LBI and LBE, each used by two questions or more")
    func passages() throws {
        let bank = try DemoBank.load()
        let literacy = bank.passages.filter { [.pbm, .lbi, .lbe].contains($0.section) }
        #expect(literacy.count >= 12)
        let uses = Dictionary(grouping: bank.questions.compactMap(\.passageKey), by: { $0 }).mapValues(\.count)
        for passage in bank.passages {
            #expect(uses[passage.key, default: 0] >= 2, "\(passage.key) is used by \(uses[passage.key, default: 0]) question(s)")
        }
    }

    @Test("at least 15 % complex multiple choice and 15 % short answer among PK, PM and the literacy subtests")
    func formats() throws {
        let pool = try DemoBank.load().questions.filter { [.pk, .pm, .lbi, .lbe].contains($0.section) }
        let formats = Dictionary(grouping: pool, by: \.content.format).mapValues(\.count)
        #expect(Double(formats[.complexMultipleChoice, default: 0]) >= 0.15 * Double(pool.count))
        #expect(Double(formats[.shortAnswer, default: 0]) >= 0.15 * Double(pool.count))
    }

    @Test("every question is complete: its key fits its format, with explanation, tip and concept")
    func complete() throws {
        for question in try DemoBank.load().questions {
            switch question.content {
            case .multipleChoice(let options, _):
                #expect(Set(options.values).count == 5)
            case .complex(let labels, let statements):
                #expect(labels.count == 2 && statements.count >= 2)
            case .shortAnswer(let accepted):
                #expect(accepted.allSatisfy { ShortAnswer.matches($0, accepted: accepted) })
            }
            #expect(question.content.grade(Self.keyedResponse(question.content)), "\(question.externalID ?? "?")")
            #expect(question.externalID != nil)
            #expect(question.strategyTip != nil && question.relatedConcept != nil, "\(question.text.prefix(40))")
        }
    }

    @Test("difficulty spans the range and keyed letters are balanced")
    func spread() throws {
        let questions = try DemoBank.load().questions
        for section in Section.allCases {
            let b = questions.filter { $0.section == section }.map(\.calibration.difficulty)
            #expect(b.contains { $0 < -1.5 } && b.contains { $0 > 1.5 }, "\(section) difficulty spread")
        }
        let keys = questions.compactMap { question -> AnswerOption? in
            if case .multipleChoice(_, let key) = question.content { key } else { nil }
        }
        let letters = Dictionary(grouping: keys, by: { $0 }).mapValues(\.count)
        for letter in AnswerOption.allCases {
            let share = Double(letters[letter, default: 0]) / Double(keys.count)
            #expect((0.15...0.25).contains(share), "answer \(letter.rawValue) keyed \(letters[letter, default: 0]) times")
        }
    }

    /// The response a student who knows the key gives.
    static func keyedResponse(_ content: QuestionContent) -> StudentResponse {
        switch content.key {
        case .choice(let letter): .choice(letter)
        case .statements(let labels): .statements(labels)
        case .accepted(let accepted): .text(accepted[0])
        }
    }
}
