import Foundation
import GentaCore
import GentaStore
import GentaTestSupport
import SQLKit
import Testing

@Suite("Migration 6: the exam model")
struct ExamModelMigrationTests {
    @Test("keeps every PU/PK/PBM row and then takes the new subtests and formats", arguments: TestDatabaseKind.allCases)
    func keepsRows(kind: TestDatabaseKind) async throws {
        try await TestDatabase.with(kind, migrated: false) { database in
            let before = Migrator(database: database, migrations: Array(Migration.all.prefix(5)), now: { TestDatabase.referenceNow })
            try await before.migrate()
            let now = TestDatabase.referenceNow
            let (bank, question, user, attempt) = (UUID(), UUID(), UUID(), UUID())
            try await database.withConnection { db in
                try await db.raw("INSERT INTO question_banks (id, name, created_at, updated_at) VALUES (\(bind: bank), 'b', \(bind: now), \(bind: now))").run()
                try await db.raw("""
                    INSERT INTO questions (id, question_bank_id, section, text, option_a, option_b, option_c, option_d,
                        option_e, correct_answer, created_at, updated_at)
                    VALUES (\(bind: question), \(bind: bank), 'PBM', 'Soal lama', 'a', 'b', 'c', 'd', 'e', 'B', \(bind: now), \(bind: now))
                    """).run()
                try await db.raw("""
                    INSERT INTO users (id, clerk_id, email, created_at, updated_at)
                    VALUES (\(bind: user), 'user_old', 'old@example.com', \(bind: now), \(bind: now))
                    """).run()
                try await db.raw("""
                    INSERT INTO attempts (id, user_id, question_id, selected_answer, is_correct, time_spent_seconds, section, created_at)
                    VALUES (\(bind: attempt), \(bind: user), \(bind: question), 'B', \(bind: true), 30, 'PBM', \(bind: now))
                    """).run()
            }

            try await Migrator(database: database, now: { now }).migrate()

            try await database.withConnection { db in
                let old = try #require(try await db.raw("""
                    SELECT q.format, q.correct_answer, a.selected_answer, a.section FROM questions q JOIN attempts a ON a.question_id = q.id
                    """).first())
                #expect(try old.decode(column: "format", as: String.self) == "multiple_choice")
                #expect(try old.decode(column: "correct_answer", as: String.self) == "B")
                #expect(try old.decode(column: "selected_answer", as: String.self) == "B")
                // The new subtests and formats are accepted …
                try await db.raw("""
                    INSERT INTO questions (id, question_bank_id, section, format, text, format_spec, created_at, updated_at)
                    VALUES (\(bind: UUID()), \(bind: bank), 'LBE', 'short_answer', 'New', '{"accepted_answers":["x"]}', \(bind: now), \(bind: now))
                    """).run()
                try await db.raw("""
                    INSERT INTO attempts (id, user_id, question_id, response, is_correct, time_spent_seconds, section, created_at)
                    VALUES (\(bind: UUID()), \(bind: user), \(bind: question), 'x', \(bind: false), 30, 'PM', \(bind: now))
                    """).run()
            }
            // … while what contradicts a format, an unknown subtest or an empty answer is still refused.
            for statement: SQLQueryString in [
                "INSERT INTO questions (id, question_bank_id, section, format, text, created_at, updated_at) VALUES (\(bind: UUID()), \(bind: bank), 'PM', 'short_answer', 'no key', \(bind: now), \(bind: now))",
                "INSERT INTO questions (id, question_bank_id, section, text, created_at, updated_at) VALUES (\(bind: UUID()), \(bind: bank), 'PM', 'no options', \(bind: now), \(bind: now))",
                "INSERT INTO questions (id, question_bank_id, section, format, text, format_spec, created_at, updated_at) VALUES (\(bind: UUID()), \(bind: bank), 'XX', 'short_answer', 't', '{}', \(bind: now), \(bind: now))",
                "INSERT INTO attempts (id, user_id, question_id, is_correct, time_spent_seconds, created_at) VALUES (\(bind: UUID()), \(bind: user), \(bind: question), \(bind: false), 1, \(bind: now))",
            ] {
                await #expect(throws: (any Error).self) {
                    try await database.withConnection { db in try await db.raw(statement).run() }
                }
            }
        }
    }
}
