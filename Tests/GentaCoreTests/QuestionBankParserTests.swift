import Foundation
import GentaCore
import Testing

@Suite("Question bank parser")
struct QuestionBankParserTests {
    static func row(_ overrides: [String: Any?] = [:]) -> [String: Any] {
        var row: [String: Any] = [
            "section": "PK", "sub_type": "aljabar", "text": "Jika 2x + 3 = 11, berapakah x?",
            "options": ["A": "2", "B": "3", "C": "4", "D": "5", "E": "6"], "correct_answer": "C",
            "explanation": "2x = 8, jadi x = 4.", "strategy_tip": "Pindahkan konstanta dulu.",
            "related_concept": "persamaan_linear", "difficulty_irt": -1.5, "discrimination": 1.1,
            "guessing_param": 0.2,
        ]
        for (key, value) in overrides { row[key] = value }
        return row
    }

    static func file(_ rows: [[String: Any]], name: String = "bank.json") throws -> QuestionBankParser.File {
        .init(name: name, data: try JSONSerialization.data(withJSONObject: rows))
    }

    @Test("accepts a valid row and trims its text")
    func validRow() throws {
        let drafts = try QuestionBankParser.parse([try Self.file([Self.row(["text": "  Soal?  "])])])
        #expect(drafts.count == 1)
        #expect(drafts[0].text == "Soal?")
        #expect(drafts[0].content.key == .choice(.c))
        #expect(drafts[0].content.format == .multipleChoice)
        #expect(drafts[0].calibration == ItemCalibration(difficulty: -1.5, discrimination: 1.1, guessing: 0.2))
    }

    @Test("rejects a bad bank, naming every problem by row and field")
    func reportsEveryProblem() throws {
        let rows = [
            Self.row(),
            Self.row(["section": "XX", "text": "Soal dua"]),
            Self.row(["text": "Soal tiga", "correct_answer": "F", "difficulty_irt": 9.0]),
            Self.row(["text": "Soal empat", "options": ["A": "1", "B": "1", "C": "2", "D": "3", "E": "4"]]),
            Self.row(["text": "Soal lima", "options": ["A": "1", "B": "2", "C": "3", "D": "4"]]),
            Self.row(["text": "Soal enam", "discrimination": "tinggi", "typo_field": 1]),
            Self.row(),  // duplicates row 1
        ]
        let error = #expect(throws: BankValidationError.self) {
            try QuestionBankParser.parse([try Self.file(rows)])
        }
        let problems = try #require(error?.problems).map(\.description)
        #expect(problems.contains("bank.json row 2, section: must be one of PU, PPU, PBM, PK, LBI, LBE or PM (found \"XX\")"))
        #expect(problems.contains("bank.json row 3, correct_answer: must be one of A, B, C, D, E (found \"F\")"))
        #expect(problems.contains("bank.json row 3, difficulty_irt: must be between -4.0 and 4.0 (found 9.0)"))
        #expect(problems.contains("bank.json row 4, options.B: repeats option A"))
        #expect(problems.contains("bank.json row 5, options: must have exactly the keys A, B, C, D, E (missing E)"))
        #expect(problems.contains("bank.json row 6, discrimination: must be a number, found a string"))
        #expect(problems.contains("bank.json row 6, typo_field: unknown field"))
        #expect(problems.contains("bank.json row 7, text: duplicates the question in bank.json row 1"))
        #expect(!problems.contains { $0.hasPrefix("bank.json row 1") }, "row 1 is fine")
    }

    @Test("rejects a file that is not a JSON array")
    func notAnArray() throws {
        let error = #expect(throws: BankValidationError.self) {
            try QuestionBankParser.parse([.init(name: "broken.json", data: Data("{\"x\": 1".utf8))])
        }
        #expect(error?.problems.first?.file == "broken.json")
        #expect(error?.problems.first?.row == nil)
    }

    @Test("rejects empty options and missing required fields")
    func missingAndEmpty() throws {
        var row = Self.row(["text": ""])
        row.removeValue(forKey: "explanation")
        let error = #expect(throws: BankValidationError.self) {
            try QuestionBankParser.parse([try Self.file([row])])
        }
        let problems = try #require(error?.problems).map(\.description)
        #expect(problems.contains("bank.json row 1, text: must not be empty"))
        #expect(problems.contains("bank.json row 1, explanation: is required"))
    }

    @Test("an empty bank is an error, not a silent no-op")
    func emptyBank() throws {
        #expect(throws: BankValidationError.self) { try QuestionBankParser.parse([try Self.file([])]) }
    }

    static func complexRow(_ overrides: [String: Any?] = [:]) -> [String: Any] {
        var row = Self.row(["format": "complex_multiple_choice", "text": "Tentukan benar atau salah.",
            "options": nil, "correct_answer": nil, "labels": ["Benar", "Salah"],
            "statements": [["text": "2 + 2 = 4", "answer": "Benar"], ["text": "3 > 5", "answer": "Salah"]],
            "guessing_param": 0.0])
        row.removeValue(forKey: "options")
        row.removeValue(forKey: "correct_answer")
        for (key, value) in overrides { row[key] = value }
        return row
    }

    static func shortRow(_ overrides: [String: Any?] = [:]) -> [String: Any] {
        var row = Self.row(["format": "short_answer", "text": "Berapakah 1 : 2?", "accepted_answers": ["0,5"], "guessing_param": 0.0])
        row.removeValue(forKey: "options")
        row.removeValue(forKey: "correct_answer")
        for (key, value) in overrides { row[key] = value }
        return row
    }

    @Test("reads complex multiple choice and short answer, and grades them as the exam does")
    func newFormats() throws {
        let drafts = try QuestionBankParser.parse([try Self.file([Self.complexRow(), Self.shortRow()])])
        let complex = drafts[0].content
        #expect(complex.served == .complex(labels: ["Benar", "Salah"], statements: ["2 + 2 = 4", "3 > 5"]))
        #expect(complex.grade(.statements(["Benar", "Salah"])))
        #expect(!complex.grade(.statements(["Benar", "Benar"])), "one wrong row makes the question wrong")
        #expect(complex.check(.statements(["Benar"])) != nil, "a missing row is not an answer")
        #expect(complex.check(.statements(["Benar", "Mungkin"])) != nil, "only the labels answer a row")
        #expect(complex.check(.choice(.a)) != nil)
        let short = drafts[1].content
        #expect(short.served == .shortAnswer)
        for answer in ["0,5", "0.5", "1/2", " 0,50 "] { #expect(short.grade(.text(answer)), "\(answer)") }
        #expect(!short.grade(.text("0,6")))
    }

    @Test("refuses what does not fit a format, naming the field")
    func formatProblems() throws {
        let rows = [
            Self.complexRow(["labels": ["Benar", "Benar"]]),
            Self.complexRow(["text": "b", "statements": [["text": "x", "answer": "Ya"], ["text": "y", "answer": "Salah"]]]),
            Self.shortRow(["text": "c", "accepted_answers": []]),
            Self.shortRow(["text": "d", "options": ["A": "1"]]),
            Self.row(["text": "e", "format": "essay"]),
            Self.complexRow(["text": "f", "statements": [["text": "x", "answer": "Benar"]]]),
        ]
        let error = #expect(throws: BankValidationError.self) { try QuestionBankParser.parse([try Self.file(rows)]) }
        let problems = try #require(error?.problems).map(\.description)
        #expect(problems.contains("bank.json row 1, labels: must be two different labels"))
        #expect(problems.contains("bank.json row 2, statements[1].answer: must be one of the labels (Benar, Salah)"))
        #expect(problems.contains("bank.json row 3, accepted_answers: must be an array of 1 to 10 strings"))
        #expect(problems.contains("bank.json row 4, options: does not belong to a short_answer question"))
        #expect(problems.contains { $0.hasPrefix("bank.json row 5, format: must be one of multiple_choice") })
        #expect(problems.contains("bank.json row 6, statements: must be an array of 2 to 10 statements"))
    }

    @Test("passages: questions name them by key, in their own subtest; unknown keys are refused")
    func passages() throws {
        let passages = try Self.file([
            ["key": "LBI-P1", "section": "LBI", "title": "Judul", "text": "Teks bacaan.",
             "table": ["columns": ["a", "b"], "rows": [["1", "2"]]]],
            ["key": "LBI-P1", "section": "LBI", "text": "Lagi."],
            ["key": "LBI-P2", "section": "LBI", "text": "T", "table": ["columns": ["a"], "rows": [["1", "2"]]]],
        ], name: "passages.json")
        let good = try QuestionBankParser.parseBank(
            questions: [try Self.file([Self.row(["section": "LBI", "sub_type": "simpulan", "passage_key": "LBI-P1"]), Self.row(["section": "LBI", "sub_type": "simpulan", "text": "Dua", "passage_key": "LBI-P1"])])],
            passages: try Self.file([["key": "LBI-P1", "section": "LBI", "text": "Teks."]], name: "passages.json"))
        #expect(good.passages.map(\.key) == ["LBI-P1"])
        #expect(good.questions.map(\.passageKey) == ["LBI-P1", "LBI-P1"])

        let error = #expect(throws: BankValidationError.self) {
            try QuestionBankParser.parseBank(
                questions: [try Self.file([Self.row(["passage_key": "LBI-P1"]), Self.row(["text": "x", "passage_key": "NOPE"])])],
                passages: passages)
        }
        let problems = try #require(error?.problems).map(\.description)
        #expect(problems.contains("passages.json row 2, key: repeats passage LBI-P1"))
        #expect(problems.contains("passages.json row 3, table.rows[1]: must have 1 cells, one per column"))
        #expect(problems.contains("bank.json row 1, passage_key: names a LBI passage for a PK question"))
        #expect(problems.contains("bank.json row 2, passage_key: names no passage of this bank (\"NOPE\")"))
    }
}

extension QuestionBankParserTests {
    @Test("a sub type must be one of its subtest's")
    func subTypes() throws {
        let error = #expect(throws: BankValidationError.self) {
            try QuestionBankParser.parse([try Self.file([Self.row(["sub_type": "pelung"])])])
        }
        #expect(error?.problems.first?.field == "sub_type")
        #expect(error?.problems.first?.message.contains("aljabar") == true, "the message lists the subtest's sub types")
    }
}
