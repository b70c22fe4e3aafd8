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
            let expected = try DemoBank.load().count
            #expect(try await loader.loadIfNeeded() == .imported(questions: expected))
            #expect(try await loader.loadIfNeeded() == .alreadyPresent)

            let counts = try await QuestionBankQueries(database: database, now: { TestDatabase.referenceNow }).servableCounts()
            #expect(counts.values.reduce(0, +) == expected)
            for section in Section.allCases {
                #expect(counts[section, default: 0] >= 50, "\(section) has \(counts[section, default: 0])")
            }
            try await database.withConnection { db in
                let bank = try #require(try await db.raw("""
                    SELECT total_questions, questions_pu, questions_pk, questions_pbm, is_reviewed
                    FROM question_banks WHERE id = \(bind: DemoBank.bankID)
                    """).first())
                #expect(try bank.decode(column: "total_questions", as: Int.self) == expected)
                #expect(try bank.decode(column: "is_reviewed", as: Bool.self))
                #expect(try bank.decode(column: "questions_pu", as: Int.self) == counts[.pu])
            }
        }
    }

    @Test("an import that fails half-way writes nothing", arguments: TestDatabaseKind.allCases)
    func failedImportIsAtomic(kind: TestDatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            var drafts = Array(try DemoBank.load().prefix(3))
            // The database refuses a non-positive discrimination; the third insert fails.
            drafts[2].calibration.discrimination = -1
            let queries = QuestionBankQueries(database: database, now: { TestDatabase.referenceNow })
            await #expect(throws: (any Error).self) {
                try await queries.importBank(id: UUID(), metadata: DemoBank.metadata, questions: drafts, reviewedBy: nil)
            }
            try await database.withConnection { db in
                let questions = try await db.raw("SELECT COUNT(*) AS n FROM questions").first()
                let banks = try await db.raw("SELECT COUNT(*) AS n FROM question_banks").first()
                #expect(try questions?.decode(column: "n", as: Int.self) == 0)
                #expect(try banks?.decode(column: "n", as: Int.self) == 0)
            }
        }
    }
}
