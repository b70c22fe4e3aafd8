import Foundation
import Testing

@testable import GentaStore

@Suite("Running pg_dump and pg_restore: bounded subprocesses")
struct SubprocessTests {
    static func shell(_ script: String, timeout: Duration = .seconds(30)) -> Subprocess {
        Subprocess(executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", script], environment: ["PATH": "/usr/bin:/bin"], timeout: timeout)
    }

    @Test("the exit status and what it printed come back; output past the limit is counted, not kept")
    func outcome() async throws {
        var noisy = Self.shell("printf 'listed\\n'; head -c 200000 /dev/zero | tr '\\\\0' x >&2; exit 3")
        noisy.standardErrorLimit = 1000
        let outcome = try await noisy.run()
        #expect(outcome.status == 3)
        #expect(!outcome.succeeded)
        #expect(outcome.standardOutput.text == "listed\n")
        #expect(outcome.standardError.data.count == 1000)
        #expect(outcome.standardError.droppedBytes == 199_000)
        #expect(outcome.standardError.summary.hasSuffix("(199000 more bytes not kept)"))
    }

    @Test("the environment is only what it is given")
    func environment() async throws {
        let outcome = try await Subprocess(
            executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: [], environment: ["ONLY": "this"], timeout: .seconds(30)
        ).run()
        #expect(outcome.standardOutput.text == "ONLY=this\n")
    }

    @Test("a program past its time is stopped and the error says how to allow more")
    func timeout() async throws {
        let started = ContinuousClock.now
        await #expect {
            _ = try await Self.shell("exec sleep 30", timeout: .milliseconds(300)).run()
        } throws: { error in
            (error as? BackupError)?.message == "sh did not finish within 300 ms and was stopped; allow it longer with --timeout"
        }
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("what it started goes with it, and one that ignores SIGTERM gets SIGKILL")
    func stubborn() async throws {
        // Without the group, the background sleep would hold the pipes until the report grace (5 s).
        var stubborn = Self.shell("trap '' TERM; sleep 30 & sleep 30", timeout: .milliseconds(200))
        stubborn.terminationGrace = .milliseconds(300)
        let started = ContinuousClock.now
        await #expect(throws: BackupError.self) { _ = try await stubborn.run() }
        #expect(ContinuousClock.now - started < .seconds(4))
    }

    @Test("a process that left the group and holds the output does not hold the wait")
    func escaped() async throws {
        var escaping = Self.shell("setsid sleep 3 & exec sleep 30", timeout: .milliseconds(200))
        escaping.terminationGrace = .milliseconds(200)
        escaping.reportGrace = .milliseconds(300)
        let started = ContinuousClock.now
        await #expect(throws: BackupError.self) { _ = try await escaping.run() }
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test("cancelling the task stops the program")
    func cancellation() async throws {
        let started = ContinuousClock.now
        let running = Task { try await Self.shell("exec sleep 30").run() }
        try await Task.sleep(for: .milliseconds(200))
        running.cancel()
        await #expect(throws: CancellationError.self) { _ = try await running.value }
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("a program that is not there is named in the error")
    func missingProgram() async throws {
        await #expect {
            _ = try await Subprocess(
                executable: URL(fileURLWithPath: "/no/such/pg_dump"), arguments: [], environment: [:], timeout: .seconds(5)
            ).run()
        } throws: { error in
            (error as? BackupError)?.message.hasPrefix("cannot run /no/such/pg_dump") == true
        }
    }
}
