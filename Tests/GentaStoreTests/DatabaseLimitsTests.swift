import Foundation
import GentaStore
import GentaTestSupport
import SQLKit
import Testing

/// Waits on the database are bounded: past them the caller gets `DatabaseUnavailable` (a 503
/// upstairs) instead of queueing for ever behind someone else's work.
@Suite("Database waits are bounded")
struct DatabaseLimitsTests {
    @Test("a caller waiting past connectionWait for a busy connection is told the database is busy", arguments: TestDatabaseKind.allCases)
    func connectionWait(kind: TestDatabaseKind) async throws {
        // Generous times: the suite runs in parallel on two cores, where opening a connection alone
        // can take a few hundred milliseconds.
        let limits = DatabaseLimits(connectionWait: .seconds(1), operationTimeout: .seconds(30), maximumConnections: 1)
        try await TestDatabase.with(kind, migrated: false, limits: limits) { database in
            try await database.withConnection { db in try await db.raw("SELECT 1 AS one").run() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await database.transaction { db in
                        try await db.raw("SELECT 1 AS one").run()
                        try await Task.sleep(for: .seconds(6))
                    }
                }
                try await Task.sleep(for: .milliseconds(300))
                let start = ContinuousClock.now
                let error = await #expect(throws: DatabaseUnavailable.self) {
                    try await database.withConnection { db in try await db.raw("SELECT 1 AS one").run() }
                }
                #expect(error?.reason == .busy)
                #expect(ContinuousClock.now - start < .seconds(5), "gave up after the wait, not when the holder finished")
                try await group.waitForAll()
            }
            // The holder finished: the database serves again.
            try await database.withConnection { db in try await db.raw("SELECT 1 AS one").run() }
        }
    }

    @Test("work holding a PostgreSQL connection past operationTimeout is stopped, and the pool recovers")
    func operationTimeout() async throws {
        let limits = DatabaseLimits(
            connectionWait: .seconds(2), operationTimeout: .seconds(3), statementTimeout: .seconds(60), maximumConnections: 2)
        try await TestDatabase.with(.postgres, migrated: false, limits: limits) { database in
            let start = ContinuousClock.now
            let error = await #expect(throws: DatabaseUnavailable.self) {
                try await database.withConnection { db in try await db.raw("SELECT pg_sleep(30)").run() }
            }
            #expect(error?.reason == .timedOut)
            #expect(ContinuousClock.now - start < .seconds(15), "stopped at the operation timeout, not after the 30 s statement")
            for _ in 0..<3 {
                try await database.withConnection { db in try await db.raw("SELECT 1 AS one").run() }
            }
        }
    }

    @Test("a transaction of many short statements past operationTimeout is stopped, and the database still closes")
    func transactionTimeout() async throws {
        let limits = DatabaseLimits(
            connectionWait: .seconds(2), operationTimeout: .seconds(2), statementTimeout: .seconds(60), maximumConnections: 2)
        try await TestDatabase.with(.postgres, migrated: false, limits: limits) { database in
            let start = ContinuousClock.now
            let error = await #expect(throws: DatabaseUnavailable.self) {
                try await database.transaction { db in
                    // Short statements with work in between, as a batch job runs them: the
                    // watchdog's close lands between two statements as often as during one.
                    for index in 0..<400 {
                        try await db.raw("SELECT pg_sleep(0.005)").run()
                        let until = ContinuousClock.now + .milliseconds(index % 2 == 0 ? 15 : 3)
                        while ContinuousClock.now < until {}
                    }
                }
            }
            #expect(error?.reason == .timedOut)
            #expect(ContinuousClock.now - start < .seconds(10))
            try await database.withConnection { db in try await db.raw("SELECT 1 AS one").run() }
        }
    }

    @Test("PostgreSQL's own lock_timeout and statement_timeout become DatabaseUnavailable")
    func serverTimeouts() async throws {
        // Statements get a second, lock waits 300 ms: short enough to test, long enough for a
        // loaded machine to run the ordinary statements in between.
        let limits = DatabaseLimits(lockTimeout: .milliseconds(300), statementTimeout: .seconds(1))
        try await TestDatabase.with(.postgres, migrated: false, limits: limits) { database in
            try await database.withMaintenanceConnection { db in
                try await db.raw("CREATE TABLE t (id INT PRIMARY KEY)").run()
                try await db.raw("INSERT INTO t VALUES (1)").run()
            }
            let slow = await #expect(throws: DatabaseUnavailable.self) {
                try await database.withConnection { db in try await db.raw("SELECT pg_sleep(5)").run() }
            }
            #expect(slow?.reason == .timedOut)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await database.transaction { db in
                        try await db.raw("SELECT id FROM t WHERE id = 1 FOR UPDATE").run()
                        try await Task.sleep(for: .seconds(2))
                    }
                }
                try await Task.sleep(for: .milliseconds(300))
                let locked = await #expect(throws: DatabaseUnavailable.self) {
                    try await database.transaction { db in try await db.raw("SELECT id FROM t WHERE id = 1 FOR UPDATE").run() }
                }
                #expect(locked?.reason == .busy)
                try await group.waitForAll()
            }
        }
    }
}
