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
        #expect(drafts[0].correctAnswer == .c)
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
        #expect(problems.contains("bank.json row 2, section: must be one of PU, PK, PBM (found \"XX\")"))
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
}
