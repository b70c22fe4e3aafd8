import Foundation
import GentaCore
import Testing

@Suite("Question files: CSV and JSON Lines")
struct QuestionFileTests {
    static let classicHeader = "section,sub_type,text,option_a,option_b,option_c,option_d,option_e,correct_answer,explanation,strategy_tip,related_concept,difficulty_irt,discrimination,guessing_param"

    static func drafts() throws -> (questions: [QuestionDraft], passages: [PassageDraft]) {
        let passage = PassageDraft(
            key: "LBI-P1", section: .lbi, title: "Garam, \"putih\"", text: "Baris satu.\nBaris dua, dengan koma.",
            table: PassageTable(columns: ["Tahun", "Ton"], rows: [["2020", "1,5"], ["2021", "2"]]), figureReference: nil)
        let questions = [
            QuestionDraft(
                externalID: "PK-1", section: .pk, subType: "aljabar", text: "Jika x^2 = 9 dan x > 0, berapakah x?",
                content: .multipleChoice(options: [.a: "1", .b: "2", .c: "3", .d: "4", .e: "9"], key: .c),
                explanation: "x = 3.", explanationEnglish: nil, strategyTip: "Akar positif.", relatedConcept: nil,
                calibration: ItemCalibration(difficulty: -0.5, discrimination: 1.2, guessing: 0.2)),
            QuestionDraft(
                externalID: "LBI-1", section: .lbi, subType: "simpulan", text: "Benar atau salah?",
                content: .complex(labels: ["Benar", "Salah"], statements: [.init(text: "Satu", answer: "Benar"), .init(text: "Dua, \"kutip\"", answer: "Salah")]),
                passageKey: "LBI-P1", explanation: "Lihat tabel.", explanationEnglish: "See the table.", strategyTip: nil,
                relatedConcept: "membaca tabel", calibration: ItemCalibration(difficulty: 0.25, discrimination: 0.9, guessing: 0)),
            QuestionDraft(
                externalID: "PM-1", section: .pm, subType: "bilangan_rasio", text: "Berapa 3/4 dari 12?",
                content: .shortAnswer(accepted: ["9", "9,0"]), explanation: "12 × 3/4 = 9.", explanationEnglish: nil,
                strategyTip: nil, relatedConcept: nil, calibration: ItemCalibration(difficulty: 1, discrimination: 1, guessing: 0)),
        ]
        return (questions, [passage])
    }

    @Test("export then import gives the same questions, in both formats", arguments: QuestionFileFormat.allCases)
    func roundTrip(format: QuestionFileFormat) throws {
        let (questions, passages) = try Self.drafts()
        let file = try QuestionFileWriter.write(questions, passages: passages, as: format)
        let bank = try QuestionBankParser.parseFile(file, format: format, fileName: "bank.\(format.rawValue)")
        #expect(bank.questions == questions)
        #expect(bank.passages == passages)
        #expect(try QuestionFileWriter.write(bank.questions, passages: bank.passages, as: format) == file, "byte for byte")
    }

    @Test("a CSV with only the seed's classic columns imports multiple-choice questions; a byte order mark is fine")
    func classicColumns() throws {
        let csv = "\u{FEFF}" + Self.classicHeader + "\n"
            + "PU,analogi,\"Panas : api = dingin : ...\",es,air,angin,batu,kayu,A,Es itu dingin.,,,0.1,1,0.2\n"
        let bank = try QuestionBankParser.parseFile(Data(csv.utf8), format: .csv, fileName: "classic.csv")
        #expect(bank.questions.count == 1)
        #expect(bank.questions[0].content.format == .multipleChoice)
        #expect(bank.questions[0].content.key == .choice(.a))
        #expect(bank.origins.map(\.row) == [2])
    }

    @Test("every bad row is reported with its line and nothing is returned")
    func badRows() throws {
        let rows = [
            "PU,analogi,Baik 1,a,b,c,d,e,F,x,,,0,1,0.2",  // 2: an answer F
            "XX,analogi,Baik 2,a,b,c,d,e,A,x,,,0,1,0.2",  // 3: unknown section
            "PU,pelung,Baik 3,a,b,c,d,e,A,x,,,0,1,0.2",  // 4: unknown sub type
            "PU,analogi,Baik 4,a,a,c,d,e,A,x,,,0,1,0.2",  // 5: two equal options
            "PU,analogi,Baik 5,a,b,c,d,,A,x,,,0,1,0.2",  // 6: option E missing
            "PU,analogi,Baik 6,a,b,c,d,e,A,x,,,9,1,0.2",  // 7: difficulty out of range
            "PU,analogi,Baik 7,a,b,c,d,e,A,x,,,0,satu,0.2",  // 8: not a number
            "PU,analogi,,a,b,c,d,e,A,x,,,0,1,0.2",  // 9: empty text
            "PU,analogi,Baik 9,a,b,c,d,e,A,x,,,0,1",  // 10: a field short
            "PU,analogi,Baik 10,a,b,c,d,e,A,,,,0,1,0.2",  // 11: no explanation
            "PU,analogi,Baik 11,a,b,c,d,e,A,x,,,0,1,0.9",  // 12: guessing out of range
            "PU,analogi,Baik 12,a,b,c,d,e,A,x,,,NaN,1,0.2",  // 13: NaN
        ]
        let csv = Self.classicHeader + "\n" + rows.joined(separator: "\n") + "\n"
        #expect {
            try QuestionBankParser.parseFile(Data(csv.utf8), format: .csv, fileName: "bad.csv")
        } throws: { error in
            guard let error = error as? BankValidationError else { return false }
            let lines = Set(error.problems.compactMap(\.row))
            #expect(lines == Set(2...13), "\(error.problems)")
            #expect(error.problems.contains { $0.row == 2 && $0.field == "correct_answer" })
            #expect(error.problems.contains { $0.row == 8 && $0.field == "discrimination" && $0.message.contains("number") })
            #expect(error.problems.filter { $0.row == 8 }.count == 1, "a bad number is reported once")
            #expect(error.problems.contains { $0.row == 10 && $0.message.contains("fields, the header has") })
            return true
        }
    }

    @Test("file-level problems: unknown and missing columns, bad UTF-8, a duplicate id, bad JSON cells, bad JSON lines")
    func fileProblems() throws {
        func problems(_ text: String, _ format: QuestionFileFormat = .csv) -> [BankRowProblem] {
            do {
                _ = try QuestionBankParser.parseFile(Data(text.utf8), format: format, fileName: "f")
                return []
            } catch { return error.problems }
        }
        #expect(problems(Self.classicHeader + ",colour\n").contains { $0.field == "colour" && $0.message.contains("unknown column") })
        #expect(problems("section,text\n").contains { $0.field == "sub_type" && $0.message.contains("lacks") })
        var bytes = Array((Self.classicHeader + "\nPU,analogi,").utf8)
        bytes += [0xC3, 0x28]
        do {
            _ = try QuestionBankParser.parseFile(Data(bytes), format: .csv, fileName: "f")
            Issue.record("bad UTF-8 accepted")
        } catch {
            #expect(error.problems.first?.row == 2 && error.problems.first?.message.contains("UTF-8") == true)
        }
        let duplicate = "external_id," + Self.classicHeader + "\n"
            + "X1,PU,analogi,Satu,a,b,c,d,e,A,x,,,0,1,0.2\nX1,PU,analogi,Dua,a,b,c,d,e,A,x,,,0,1,0.2\n"
        #expect(problems(duplicate).contains { $0.row == 3 && $0.field == "external_id" })
        let complex = "section,sub_type,format,text,labels,statements,explanation,difficulty_irt,discrimination,guessing_param\n"
            + "PU,analogi,complex_multiple_choice,Teks,\"[\"\"Benar\"\",\"\"Salah\"\"]\",[not json,x,0,1,0\n"
        #expect(problems(complex).contains { $0.row == 2 && $0.field == "statements" && $0.message.contains("JSON") })
        #expect(problems("{\"section\": \"PU\"}\nnot json\n", .jsonl).contains { $0.row == 2 && $0.message.contains("JSON object") })
    }
}

@Suite("The example files of docs/CONTENT.md")
struct ContentExampleTests {
    static func example(_ name: String) throws -> Data {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return try Data(contentsOf: root.appendingPathComponent("docs/examples/\(name)"))
    }

    @Test("each example imports, and the CSV and JSON Lines examples hold the same questions")
    func examples() throws {
        let classic = try QuestionBankParser.parseFile(try Self.example("questions-classic.csv"), format: .csv, fileName: "questions-classic.csv")
        #expect(classic.questions.count == 3 && classic.questions.allSatisfy { $0.content.format == .multipleChoice })
        let csv = try QuestionBankParser.parseFile(try Self.example("questions.csv"), format: .csv, fileName: "questions.csv")
        let jsonl = try QuestionBankParser.parseFile(try Self.example("questions.jsonl"), format: .jsonl, fileName: "questions.jsonl")
        #expect(csv.questions == jsonl.questions)
        #expect(csv.passages == jsonl.passages)
        #expect(Set(csv.questions.map(\.content.format)) == Set(QuestionFormat.allCases))
    }
}
