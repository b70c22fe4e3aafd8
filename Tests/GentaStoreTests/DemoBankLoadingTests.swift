import Foundation
import GentaCore
import GentaStore
import GentaTestSupport
import SQLKit
import Testing

@Suite("Demo bank in the database")
struct DemoBankLoadingTests {
    @Test("loads once, as reviewed, and a restart does not load it again", arguments: TestDatabaseKind.allCases)
    func loadsOnce(kind: TestDatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let loader = DemoBankLoader(database: database, now: { TestDatabase.referenceNow })
            let expected = try DemoBank.load().questions.count
            #expect(try await loader.loadIfNeeded() == .imported(questions: expected))
            #expect(try await loader.loadIfNeeded() == .alreadyPresent)

            let counts = try await QuestionBankQueries(database: database, now: { TestDatabase.referenceNow }).servableCounts()
            #expect(counts.values.reduce(0, +) == expected)
            for section in Section.allCases {
                #expect(counts[section, default: 0] >= 45, "\(section) has \(counts[section, default: 0])")
            }
            try await database.withConnection { db in
                let bank = try #require(try await db.raw("""
                    SELECT total_questions, questions_pu, questions_lbi, is_reviewed
                    FROM question_banks WHERE id = \(bind: DemoBank.bankID)
                    """).first())
                #expect(try bank.decode(column: "total_questions", as: Int.self) == expected)
                #expect(try bank.decode(column: "is_reviewed", as: Bool.self))
                #expect(try bank.decode(column: "questions_pu", as: Int.self) == counts[.pu])
                #expect(try bank.decode(column: "questions_lbi", as: Int.self) == counts[.lbi])
            }
        }
    }

    @Test("an import that fails half-way writes nothing", arguments: TestDatabaseKind.allCases)
    func failedImportIsAtomic(kind: TestDatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            var bank = try DemoBank.load()
            bank.questions = Array(bank.questions.prefix(3))
            // The database refuses a non-positive discrimination; the third insert fails.
            bank.questions[2].calibration.discrimination = -1
            let queries = QuestionBankQueries(database: database, now: { TestDatabase.referenceNow })
            await #expect(throws: (any Error).self) {
                try await queries.importBank(id: UUID(), metadata: DemoBank.metadata, bank: bank, reviewedBy: nil)
            }
            try await database.withConnection { db in
                let questions = try await db.raw("SELECT COUNT(*) AS n FROM questions").first()
                let banks = try await db.raw("SELECT COUNT(*) AS n FROM question_banks").first()
                #expect(try questions?.decode(column: "n", as: Int.self) == 0)
                #expect(try banks?.decode(column: "n", as: Int.self) == 0)
            }
        }
    }

    @Test("a demo bank loaded before the exam model grows by exactly its new questions and passages",
          arguments: TestDatabaseKind.allCases)
    func olderBankIsExtended(kind: TestDatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let full = try DemoBank.load()
            // What Genta 0.x loaded: the first three subtests, no external ids, no passages.
            var old = full
            old.questions = full.questions.filter { [.pu, .pk, .pbm].contains($0.section) && $0.passageKey == nil }
            for index in old.questions.indices { old.questions[index].externalID = nil }
            old.passages = []
            let queries = QuestionBankQueries(database: database, now: { TestDatabase.referenceNow })
            #expect(try await queries.importBank(id: DemoBank.bankID, metadata: DemoBank.metadata, bank: old, reviewedBy: "x")
                == .imported(questions: old.questions.count))

            let loader = DemoBankLoader(database: database, now: { TestDatabase.referenceNow })
            #expect(try await loader.loadIfNeeded()
                == .extended(questions: full.questions.count - old.questions.count, passages: full.passages.count))
            #expect(try await loader.loadIfNeeded() == .alreadyPresent)
            try await database.withConnection { db in
                let row = try #require(try await db.raw("""
                    SELECT COUNT(*) AS n, COUNT(DISTINCT external_id) AS ids, COUNT(passage_id) AS on_passage
                    FROM questions WHERE question_bank_id = \(bind: DemoBank.bankID)
                    """).first())
                #expect(try row.decode(column: "n", as: Int.self) == full.questions.count)
                #expect(try row.decode(column: "ids", as: Int.self) == full.questions.count)
                #expect(try row.decode(column: "on_passage", as: Int.self) == full.questions.filter { $0.passageKey != nil }.count)
                let total = try await db.raw("SELECT total_questions FROM question_banks WHERE id = \(bind: DemoBank.bankID)").first()
                #expect(try total?.decode(column: "total_questions", as: Int.self) == full.questions.count)
            }
        }
    }
}
