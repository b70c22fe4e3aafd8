import Foundation
import GentaCore
import SQLKit

/// Replays the students of key corrections in bounded batches (`KeyCorrectionReplay`), oldest
/// correction first. A batch is one transaction: its students are marked done together with
/// their recomputed rows, so a run stopped anywhere resumes with the students not yet done.
/// `genta serve`'s `key-corrections` job and `genta corrections run` run batches until none is left.
public struct KeyCorrectionJob: Sendable {
    let database: any Database
    let clock: WallClock
    let settings: PracticeSettings

    public static let defaultBatchSize = 200
    /// The longest a batch keeps going (it holds its students' row locks, and on SQLite the
    /// database's one writer, meanwhile).
    static let timeBudget: Duration = .seconds(5)

    public init(database: any Database, clock: WallClock, settings: PracticeSettings) {
        self.database = database
        self.clock = clock
        self.settings = settings
    }

    public struct Progress: Sendable, Equatable {
        public var correctionID: UUID
        /// Students this batch replayed.
        public var replayed: Int
        public var studentsDone: Int
        public var studentsTotal: Int
        public var isFinished: Bool { studentsDone == studentsTotal }
    }

    /// Replays up to `size` students of the oldest unfinished correction; nil when none is left.
    public func runBatch(size: Int = defaultBatchSize) async throws -> Progress? {
        try await database.transaction { db in
            let now = clock.now()
            guard let row = try await db.raw("""
                SELECT c.id, c.question_id, c.students_total, q.section FROM key_corrections c
                JOIN questions q ON q.id = c.question_id
                WHERE c.status = 'replaying' ORDER BY c.created_at, c.id LIMIT 1
                """).first()
            else { return nil }
            let correction = KeyCorrectionReplay.Correction(
                id: try row.decode(column: "id", as: UUID.self), questionID: try row.decode(column: "question_id", as: UUID.self),
                section: try Section.decode(row, "section"))
            let students = try await db.raw("""
                SELECT user_id FROM key_correction_students WHERE correction_id = \(bind: correction.id) AND done_at IS NULL
                ORDER BY user_id LIMIT \(bind: max(1, size))
                """).all().map { try $0.decode(column: "user_id", as: UUID.self) }
            let replay = KeyCorrectionReplay(settings: settings)
            // A batch also ends after `timeBudget`, well inside the database's operation timeout
            // whatever the machine's speed; the rest wait for the next batch.
            let started = ContinuousClock.now
            var replayed: [UUID] = []
            for student in students where replayed.isEmpty || ContinuousClock.now - started < Self.timeBudget {
                try await replay.replay(student, correction, now: now, db)
                replayed.append(student)
            }
            if !replayed.isEmpty {
                try await db.raw("""
                    UPDATE key_correction_students SET done_at = \(bind: now)
                    WHERE correction_id = \(bind: correction.id) AND user_id IN (\(binds: replayed))
                    """).run()
            }
            let done = try await db.raw("""
                SELECT COUNT(*) AS n FROM key_correction_students WHERE correction_id = \(bind: correction.id) AND done_at IS NOT NULL
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            let progress = Progress(
                correctionID: correction.id, replayed: replayed.count, studentsDone: done, studentsTotal: try row.decode(column: "students_total", as: Int.self))
            try await db.raw("""
                UPDATE key_corrections SET students_done = \(bind: done),
                    status = \(bind: progress.isFinished ? "done" : "replaying"), finished_at = \(bind: progress.isFinished ? now : nil)
                WHERE id = \(bind: correction.id)
                """).run()
            return progress
        }
    }

    /// Runs batches until no correction is left; returns how many batches ran.
    @discardableResult
    public func runAll(batchSize: Int = defaultBatchSize) async throws -> Int {
        var batches = 0
        while try await runBatch(size: batchSize) != nil { batches += 1 }
        return batches
    }
}
