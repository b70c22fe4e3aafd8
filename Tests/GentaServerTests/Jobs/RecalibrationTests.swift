import Foundation
import GentaCore
import GentaStore
import GentaTestSupport
import IRT
import SQLKit
import Testing

/// The calibration loop over stored answers: a simulated cohort answers the demo bank's PU
/// questions by the 3PL model at their true parameters; some questions are pretest with a wrong
/// first guess. `recalibrate` must promote them close to the truth, keep the scale, refuse when
/// nothing is new, and flag a question whose stored parameters left what the answers say.
@Suite("Recalibration: pretest promotion, first estimates, drift")
struct RecalibrationTests {
    static let pretestCount = 8

    @Test("promotes pretest questions near their true parameters, refuses a bank with nothing new, flags drift", arguments: TestDatabaseKind.allCases)
    func calibrationLoop(kind: TestDatabaseKind) async throws {
        try await TestDatabase.with(kind) { database in
            let now = TestDatabase.referenceNow
            _ = try await DemoBankLoader(database: database, now: { now }).loadIfNeeded()
            let truth = try await Self.questions(database)
            // Questions 700 answers can pin down (middling difficulty, fair discrimination), chosen by
            // their parameters so every run tests the same ones.
            let pretest = truth.filter { abs($0.value.b) <= 1 && $0.value.a >= 0.9 }
                .sorted { ($0.value.b, $0.value.a) < ($1.value.b, $1.value.a) }.prefix(Self.pretestCount).map(\.key)
            try #require(pretest.count == Self.pretestCount)
            // The content team's first guesses for the new questions: a whole logit off.
            try await database.withConnection { db in
                for id in pretest {
                    try await db.raw("""
                        UPDATE questions SET calibration_status = 'pretest', difficulty_irt = \(bind: min(truth[id]!.b + 1, 4))
                        WHERE id = \(bind: id)
                        """).run()
                }
            }
            var generator = SeededGenerator(seed: 7)
            try await Self.answer(database, truth: truth, students: 700, pretest: pretest, from: 0, at: now, using: &generator)

            let recalibration = Recalibration(database: database, now: { now.addingTimeInterval(3600) })
            #expect(try await recalibration.dueBanks() == [DemoBank.bankID])
            let reports = try await recalibration.run().reports
            let pu = try #require(reports.first { $0.section == .pu }?.outcome)
            #expect(reports.filter { $0.section != .pu }.allSatisfy { $0.outcome == nil && $0.refusal != nil }, "other subtests have no answers")
            #expect(pu.students == 700 && pu.anchors == truth.count - Self.pretestCount)
            #expect(abs(pu.population.mean) < 0.25 && abs(pu.population.sd - 1) < 0.25, "\(pu.population)")
            let promoted = pu.decisions.filter { $0.outcome == .promoted }
            #expect(promoted.count >= Self.pretestCount - 2, "\(pu.decisions.filter { pretest.contains($0.questionID) }.map { ($0.outcome, $0.reason) })")
            let stored = try await Self.questions(database)
            let promotedErrors = promoted.map { stored[$0.questionID]!.b - truth[$0.questionID]!.b }
            #expect(rootMeanSquare(promotedErrors) < 0.35, "promoted b errors \(promotedErrors)")
            let operational = pu.decisions.filter { $0.outcome == .updated }
            #expect(operational.count > 40 && operational.allSatisfy { $0.reason == "first_estimate" })
            #expect(rootMeanSquare(operational.map { stored[$0.questionID]!.b - truth[$0.questionID]!.b }) < 0.35)
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM questions WHERE calibration_status = 'pretest' AND section = 'PU'")
                == Self.pretestCount - promoted.count)
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM question_revisions WHERE change_kind = 'calibrated'")
                == promoted.count + operational.count)
            #expect(try await Self.count(database, """
                SELECT COUNT(*) AS n FROM question_banks
                WHERE id = \(bind: DemoBank.bankID) AND is_calibrated = \(bind: true) AND calibration_sample_size = \(bind: pu.responses)
                """) == 1)

            // Nothing new: not due, and a forced calibration is refused without writing anything.
            #expect(try await recalibration.dueBanks().isEmpty)
            let runs = try await Self.count(database, "SELECT COUNT(*) AS n FROM calibration_runs")
            await #expect(throws: AppError.self) { try await recalibration.calibrate(bankID: DemoBank.bankID) }
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM calibration_runs") == runs)

            // A question whose stored difficulty is now far from what new answers say is flagged, not moved.
            // The most precisely estimated question, moved 1.5 towards the middle of the range (so
            // the column's ±4 bound never shortens the move): any drift test must see that.
            let drifted = try #require(operational.min { ($0.errors?.b ?? .infinity) < ($1.errors?.b ?? .infinity) }).questionID
            let planted = truth[drifted]!.b + (truth[drifted]!.b > 0 ? -1.5 : 1.5)
            try await database.withConnection { db in
                try await db.raw("UPDATE questions SET difficulty_irt = \(bind: planted) WHERE id = \(bind: drifted)").run()
            }
            let later = now.addingTimeInterval(86_400)
            try await Self.answer(database, truth: truth, students: 700, pretest: [], from: 700, at: later, using: &generator)
            let second = Recalibration(database: database, now: { later.addingTimeInterval(3600) })
            let again = try #require(try await second.run().reports.first { $0.section == .pu }?.outcome)
            let flagged = again.decisions.filter { $0.outcome == .driftFlagged }
            #expect(flagged.contains { $0.questionID == drifted })
            #expect(flagged.count < 10, "z = 2.58 per parameter flags few sound questions: \(flagged.count)")
            #expect(abs(try await Self.questions(database)[drifted]!.b - planted) < 0.005, "a flagged question keeps its parameters")
        }
    }

    /// The PU questions' parameters as stored (the demo bank's values are the truth).
    static func questions(_ database: any Database) async throws -> [UUID: ItemParameters] {
        try await database.withConnection { db in
            var items: [UUID: ItemParameters] = [:]
            for row in try await db.raw("""
                SELECT id, discrimination, difficulty_irt, guessing_param FROM questions WHERE section = 'PU' AND deleted_at IS NULL
                """).all() {
                items[try row.decode(column: "id", as: UUID.self)] = ItemParameters(
                    a: try row.decode(column: "discrimination", as: Double.self),
                    b: try row.decode(column: "difficulty_irt", as: Double.self),
                    c: try row.decode(column: "guessing_param", as: Double.self))
            }
            return items
        }
    }

    /// `students` new students with θ ~ N(0, 1), each answering 30 random operational questions
    /// and every pretest one, right or wrong by the 3PL at the true parameters.
    static func answer(
        _ database: any Database, truth: [UUID: ItemParameters], students: Int, pretest: [UUID], from first: Int, at time: Date,
        using generator: inout SeededGenerator
    ) async throws {
        let operational = truth.keys.filter { !pretest.contains($0) }.sorted { $0.uuidString < $1.uuidString }
        var users: [SQLQueryString] = []
        var attempts: [SQLQueryString] = []
        for index in first..<(first + students) {
            let user = UUID()
            // Box–Muller: a standard normal ability.
            let u = Double.random(in: Double.ulpOfOne..<1, using: &generator)
            let theta = (-2 * log(u)).squareRoot() * cos(2 * .pi * Double.random(in: 0..<1, using: &generator))
            users.append("(\(bind: user), \(bind: "sim_\(index)"), \(bind: "sim\(index)@example.com"), \(bind: time), \(bind: time))")
            var shown = Array(operational.shuffled(using: &generator).prefix(30)) + pretest
            shown.shuffle(using: &generator)
            for (position, id) in shown.enumerated() {
                let correct = Double.random(in: 0..<1, using: &generator) < truth[id]!.probability(at: theta)
                attempts.append("""
                    (\(bind: UUID()), \(bind: user), \(bind: id), 'A', \(bind: correct), 40, 0, 0, 0, 'PU', 1, 0, 0.2, 1,
                     \(bind: time.addingTimeInterval(Double(position))), \(bind: pretest.contains(id)))
                    """)
            }
        }
        let (userRows, attemptRows) = (users, attempts)
        try await database.withConnection { db in
            for batch in userRows.batches(of: 100) {
                try await db.raw("INSERT INTO users (id, clerk_id, email, created_at, updated_at) VALUES \(batch.joined(separator: ", "))").run()
            }
            for batch in attemptRows.batches(of: 60) {
                try await db.raw("""
                    INSERT INTO attempts (id, user_id, question_id, selected_answer, is_correct, time_spent_seconds, user_theta_before,
                        user_theta_after, theta_change, section, item_discrimination, item_difficulty, item_guessing,
                        theta_variance_after, created_at, is_pretest)
                    VALUES \(batch.joined(separator: ", "))
                    """).run()
            }
        }
    }

    static func count(_ database: any Database, _ sql: SQLQueryString) async throws -> Int {
        try await database.withConnection { db in try await db.raw(sql).first()!.decode(column: "n", as: Int.self) }
    }
}

func rootMeanSquare(_ values: [Double]) -> Double {
    values.isEmpty ? .nan : (values.reduce(0) { $0 + $1 * $1 } / Double(values.count)).squareRoot()
}

extension Array {
    func batches(of size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
