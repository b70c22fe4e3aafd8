import Foundation
import GentaCore
import SQLKit
import Synchronization

/// One run of a scheduled job, as `job_runs` keeps it.
public struct JobRun: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case running, succeeded, failed, interrupted
    }

    public enum Trigger: String, Sendable {
        case schedule, manual
    }

    public var id: UUID
    public var job: String
    public var instance: String
    public var trigger: Trigger
    public var startedAt: Date
    public var finishedAt: Date?
    public var status: Status
    public var rowsAffected: Int?
    public var note: String?
    public var error: String?
}

/// Writing and reading `job_runs`, and the lock that lets one instance at a time run a job.
public struct JobRunQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func start(job: String, instance: String, trigger: JobRun.Trigger, at now: Date) async throws -> UUID {
        let id = UUID()
        try await database.withConnection { db in
            try await db.raw("""
                INSERT INTO job_runs (id, job, instance, trigger, started_at, status)
                VALUES (\(bind: id), \(bind: job), \(bind: String(instance.prefix(100))), \(bind: trigger.rawValue), \(bind: now), 'running')
                """).run()
        }
        return id
    }

    public func finish(
        _ id: UUID, status: JobRun.Status, rows: Int?, note: String?, error: String?, at now: Date
    ) async throws {
        try await database.withConnection { db in
            try await db.raw("""
                UPDATE job_runs SET finished_at = \(bind: now), status = \(bind: status.rawValue),
                    rows_affected = \(bind: rows.map { max(0, $0) }), note = \(bind: note.map { String($0.prefix(500)) }),
                    error = \(bind: error.map { String($0.prefix(2000)) })
                WHERE id = \(bind: id)
                """).run()
        }
    }

    /// When `job` last started a run that did not fail (nil if never): what makes it due.
    public func lastStart(of job: String) async throws -> Date? {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT started_at FROM job_runs WHERE job = \(bind: job) AND status <> 'failed'
                ORDER BY started_at DESC LIMIT 1
                """).first()?.decode(column: "started_at", as: Date.self)
        }
    }

    /// The latest runs, newest first; of one job when `job` is given.
    public func recent(job: String?, limit: Int) async throws -> [JobRun] {
        let filter: SQLQueryString = job.map { "WHERE job = \(bind: $0)" } ?? ""
        return try await database.withConnection { db in
            try await db.raw("""
                SELECT id, job, instance, trigger, started_at, finished_at, status, rows_affected, note, error FROM job_runs
                \(filter) ORDER BY started_at DESC, id LIMIT \(bind: limit)
                """).all().map { row in
                JobRun(
                    id: try row.decode(column: "id", as: UUID.self), job: try row.decode(column: "job", as: String.self),
                    instance: try row.decode(column: "instance", as: String.self),
                    trigger: JobRun.Trigger(rawValue: try row.decode(column: "trigger", as: String.self)) ?? .schedule,
                    startedAt: try row.decode(column: "started_at", as: Date.self),
                    finishedAt: try row.decode(column: "finished_at", as: Date?.self),
                    status: JobRun.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .failed,
                    rowsAffected: try row.decode(column: "rows_affected", as: Int?.self),
                    note: try row.decode(column: "note", as: String?.self), error: try row.decode(column: "error", as: String?.self))
            }
        }
    }

    /// Runs `body` while holding `job`'s lock; nil, without running it, when another run of the
    /// job holds it. On PostgreSQL the lock is a session advisory lock, shared by every instance
    /// on the database (and released by PostgreSQL if the instance dies); on SQLite, which one
    /// process serves, a lock in this process.
    public func withLock<T: Sendable>(job: String, _ body: @Sendable () async throws -> T) async throws -> T? {
        guard database.dialect == .postgres else {
            guard LocalJobLocks.shared.take(job) else { return nil }
            defer { LocalJobLocks.shared.release(job) }
            return try await body()
        }
        return try await database.withMaintenanceConnection { db in
            let key = Self.lockKey(job)
            let taken = try await db.raw("SELECT pg_try_advisory_lock(\(literal: key)) AS taken").first()?
                .decode(column: "taken", as: Bool.self) ?? false
            guard taken else { return nil }
            do {
                let result = try await body()
                try await db.raw("SELECT pg_advisory_unlock(\(literal: key))").run()
                return result
            } catch {
                try await db.raw("SELECT pg_advisory_unlock(\(literal: key))").run()
                throw error
            }
        }
    }

    /// A stable 63-bit key per job name (FNV-1a), away from the migrator's key.
    static func lockKey(_ job: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "genta-job:\(job)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash >> 1)
    }
}

/// The SQLite side of `JobRunQueries.withLock`: the names of the jobs running in this process.
final class LocalJobLocks: Sendable {
    static let shared = LocalJobLocks()
    private let running = Mutex<Set<String>>([])

    func take(_ job: String) -> Bool {
        running.withLock { $0.insert(job).inserted }
    }

    func release(_ job: String) {
        running.withLock { _ = $0.remove(job) }
    }
}
