import Foundation
import Synchronization

/// Runs an outside program (pg_dump, pg_restore) to completion, within bounds: what it prints is
/// kept only up to a limit (the rest is read and counted, so the program never blocks on a full
/// pipe), it is stopped when it runs past its time, and cancelling the task stops it too.
///
/// Nothing here blocks Swift's concurrency threads: the pipes are drained by two threads of
/// their own and the exit arrives through `Process.terminationHandler`. On a 2-core machine the
/// cooperative pool has two threads, and a blocking `waitUntilExit()` there stalls everything.
///
/// Stopping it signals its whole process group (Foundation starts each program as the leader of
/// a group of its own), so anything it started goes too. SIGTERM comes first, but SIGKILL soon
/// after: the program inherits the signal mask of the thread that started it, and the threads
/// tasks run on here (NIO's event loops, the test runner's) block nearly every signal, SIGTERM
/// included.
struct Subprocess: Sendable {
    /// What a finished program left behind.
    struct Outcome: Sendable {
        /// The exit status (or, when a signal ended it, the signal's number).
        var status: Int32
        var standardOutput: CapturedOutput
        var standardError: CapturedOutput
        var succeeded: Bool { status == 0 }
    }

    let executable: URL
    let arguments: [String]
    /// The whole environment the program gets; nothing is inherited.
    let environment: [String: String]
    let timeout: Duration
    var standardOutputLimit = 1 << 20
    var standardErrorLimit = 64 << 10
    /// When it is to stop, how long the program has after SIGTERM before SIGKILL.
    var terminationGrace: Duration = .seconds(2)
    /// After SIGKILL, how long to wait for its end to be reported before giving up on it.
    /// Foundation reports an exit only once the program's output pipes are closed, and a process
    /// it started may hold them open after it died.
    var reportGrace: Duration = .seconds(5)

    /// The program's name, for messages.
    var name: String { executable.lastPathComponent }

    func run() async throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe

        let waiting = RunState()
        let output = PipeReader(outputPipe.fileHandleForReading, limit: standardOutputLimit) { waiting.finishPipe() }
        let errors = PipeReader(errorPipe.fileHandleForReading, limit: standardErrorLimit) { waiting.finishPipe() }
        process.terminationHandler = { finished in waiting.finishProcess(status: finished.terminationStatus) }
        do {
            // Foundation closes the parent's copies of the pipes' write ends once the program
            // has started, so the readers see the end of each stream when the program exits.
            try process.run()
        } catch {
            throw BackupError("cannot run \(executable.path): \(error.localizedDescription)")
        }
        output.start()
        errors.start()

        let stopping = StopSequence(
            pid: process.processIdentifier, waiting: waiting, terminationGrace: terminationGrace, reportGrace: reportGrace)
        let watchdog = Task { [timeout] in
            try await Task.sleep(for: timeout)
            await stopping.run(because: .timedOut)
        }
        defer { watchdog.cancel() }
        let status = await withTaskCancellationHandler {
            await waiting.finished()
        } onCancel: {
            Task { await stopping.run(because: .cancelled) }
        }
        switch waiting.stopReason {
        case .timedOut:
            throw BackupError("\(name) did not finish within \(Self.describe(timeout)) and was stopped; allow it longer with --timeout")
        case .cancelled:
            throw CancellationError()
        case nil:
            return Outcome(status: status ?? -1, standardOutput: output.captured, standardError: errors.captured)
        }
    }

    static func describe(_ duration: Duration) -> String {
        // From the duration's integer parts: no Double to convert, whatever its size.
        let (whole, attoseconds) = duration.components
        if duration < .seconds(1) { return "\(attoseconds / 1_000_000_000_000_000) ms" }
        let seconds = whole + (attoseconds >= 500_000_000_000_000_000 ? 1 : 0)
        if seconds % 3600 == 0 { return "\(seconds / 3600) h" }
        if seconds % 60 == 0 { return "\(seconds / 60) min" }
        return "\(seconds) s"
    }
}

/// The first `limit` bytes a program wrote to one stream, and how many more it wrote.
struct CapturedOutput: Sendable {
    var data = Data()
    var droppedBytes = 0
    /// Why reading stopped before the end, if it did.
    var readError: String?

    var text: String { String(decoding: data, as: UTF8.self) }

    /// The text trimmed for a one-line message, saying when some of it was not kept.
    var summary: String {
        var lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if droppedBytes > 0 { lines.append("(\(droppedBytes) more bytes not kept)") }
        if let readError { lines.append("(reading its output failed: \(readError))") }
        return lines.isEmpty ? "(it printed nothing)" : lines.joined(separator: " | ")
    }
}

/// Why a program was stopped before it finished.
private enum StopReason: Sendable {
    case timedOut, cancelled
}

/// SIGTERM, then SIGKILL after the grace, to the program's process group, then (if the end is
/// still not reported: something it started left the group and holds its output) the wait is
/// ended without it. Runs once, whichever of the deadline and cancellation comes first.
private struct StopSequence: Sendable {
    let pid: Int32
    let waiting: RunState
    let terminationGrace: Duration
    let reportGrace: Duration

    func run(because reason: StopReason) async {
        guard waiting.beginStopping(reason) else { return }
        signal(SIGTERM)
        guard await waiting.ends(within: terminationGrace) == false else { return }
        signal(SIGKILL)
        guard await waiting.ends(within: reportGrace) == false else { return }
        waiting.abandon()
    }

    /// The group when the program leads one, else the program alone.
    private func signal(_ number: Int32) {
        if kill(-pid, number) != 0 { kill(pid, number) }
    }
}

/// Waits for the exit and for both pipes to reach their end, in any order, unless the wait is
/// abandoned.
private final class RunState: Sendable {
    private struct State {
        var status: Int32?
        var openPipes = 2
        var stopReason: StopReason?
        var abandoned = false
        var waiters: [CheckedContinuation<Int32?, Never>] = []

        var isOver: Bool { abandoned || (status != nil && openPipes == 0) }
    }
    private let state = Mutex(State())

    func finishProcess(status: Int32) {
        update { $0.status = status }
    }

    func finishPipe() {
        update { $0.openPipes = max($0.openPipes - 1, 0) }
    }

    /// Gives up waiting for an end that is not coming.
    func abandon() {
        update { $0.abandoned = true }
    }

    /// Records why the program is being stopped; false when it already is (or has ended).
    func beginStopping(_ reason: StopReason) -> Bool {
        state.withLock { state in
            guard state.stopReason == nil, !state.isOver else { return false }
            state.stopReason = reason
            return true
        }
    }

    var stopReason: StopReason? { state.withLock { $0.stopReason } }

    /// The exit status once the program has exited and its output is read; nil when abandoned.
    func finished() async -> Int32? {
        await withCheckedContinuation { continuation in
            let result: Int32?? = state.withLock { state in
                guard state.isOver else {
                    state.waiters.append(continuation)
                    return .none
                }
                return .some(state.abandoned ? nil : state.status)
            }
            if let result { continuation.resume(returning: result) }
        }
    }

    /// Whether the end came within `limit`.
    func ends(within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if state.withLock({ $0.isOver }) { return true }
            do { try await Task.sleep(for: .milliseconds(50)) } catch { break }
        }
        return state.withLock { $0.isOver }
    }

    private func update(_ change: (inout State) -> Void) {
        let (waiters, result): ([CheckedContinuation<Int32?, Never>], Int32?) = state.withLock { state in
            change(&state)
            guard state.isOver else { return ([], nil) }
            defer { state.waiters = [] }
            return (state.waiters, state.abandoned ? nil : state.status)
        }
        for waiter in waiters { waiter.resume(returning: result) }
    }
}

/// Reads one pipe to its end on a thread of its own, keeping at most `limit` bytes.
private final class PipeReader: Sendable {
    private let handle: FileHandle
    private let limit: Int
    private let done: @Sendable () -> Void
    private let buffer = Mutex(CapturedOutput())

    init(_ handle: FileHandle, limit: Int, done: @escaping @Sendable () -> Void) {
        self.handle = handle
        self.limit = limit
        self.done = done
    }

    var captured: CapturedOutput { buffer.withLock { $0 } }

    func start() {
        Thread { [self] in
            while true {
                let chunk: Data
                do {
                    guard let read = try handle.read(upToCount: 64 << 10), !read.isEmpty else { break }
                    chunk = read
                } catch {
                    // Kept for the message; if the program then blocks on the pipe, the
                    // deadline stops it.
                    buffer.withLock { $0.readError = "\(error)" }
                    break
                }
                buffer.withLock { output in
                    let room = max(limit - output.data.count, 0)
                    output.data.append(chunk.prefix(room))
                    output.droppedBytes += max(chunk.count - room, 0)
                }
            }
            do { try handle.close() } catch {
                buffer.withLock { $0.readError = $0.readError ?? "closing the pipe: \(error)" }
            }
            done()
        }.start()
    }
}
