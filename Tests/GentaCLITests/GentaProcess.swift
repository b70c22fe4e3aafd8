import Foundation

/// Runs the built `genta` executable as a user would, with its own environment and folder.
struct GentaProcess {
    /// The binary built beside this test bundle.
    static var executable: URL {
        get throws {
            let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            for candidate in [folder, folder.deletingLastPathComponent()] {
                let url = candidate.appendingPathComponent("genta")
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
            throw CLITestError("genta executable not found next to \(folder.path); build it with swift build")
        }
    }

    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `genta ARGS` to completion (at most `seconds`).
    ///
    /// It polls instead of calling `waitUntilExit()`, which blocks the calling thread: on a
    /// 2-core machine the concurrency pool has two threads, and two tests blocked there froze
    /// every other test of the suite until the end of CI's patience.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], in folder: URL, seconds: Double = 120
    ) async throws -> Output {
        let running = try start(arguments, environment: environment, in: folder)
        let deadline = Date().addingTimeInterval(seconds)
        while running.process.isRunning {
            guard Date() < deadline else {
                running.process.terminate()
                throw CLITestError("genta \(arguments.joined(separator: " ")) did not finish within \(seconds) s")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return running.output()
    }

    /// Starts `genta ARGS`; the caller stops it.
    static func start(_ arguments: [String], environment: [String: String] = [:], in folder: URL) throws -> Running {
        let process = Process()
        process.executableURL = try executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        // Only what the test sets: a developer's DATABASE_URL must not leak into the test.
        var base = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        base["HOME"] = folder.path
        process.environment = base.merging(environment) { _, new in new }
        let stdout = folder.appendingPathComponent("stdout-\(UUID().uuidString).txt")
        let stderr = folder.appendingPathComponent("stderr-\(UUID().uuidString).txt")
        FileManager.default.createFile(atPath: stdout.path, contents: nil)
        FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        return Running(process: process, stdoutFile: stdout, stderrFile: stderr)
    }

    struct Running {
        let process: Process
        let stdoutFile: URL
        let stderrFile: URL

        func output() -> Output {
            Output(
                status: process.isRunning ? -1 : process.terminationStatus,
                stdout: (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "",  // ok: missing file reads as empty
                stderr: (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "")  // ok: as above
        }

        /// Waits until standard output contains `text`, or fails after `seconds`.
        func waitForOutput(containing text: String, seconds: Double) async throws {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if output().stdout.contains(text) { return }
                if !process.isRunning { throw CLITestError("genta exited early: \(output().stderr)") }
                try await Task.sleep(for: .milliseconds(100))
            }
            throw CLITestError("no \"\(text)\" within \(seconds) s; stderr: \(output().stderr)")
        }

        /// Sends SIGTERM and waits for the exit status.
        func terminate(seconds: Double) async throws -> Int32 {
            kill(process.processIdentifier, SIGTERM)
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
            if process.isRunning {
                process.interrupt()
                throw CLITestError("genta did not stop within \(seconds) s of SIGTERM")
            }
            return process.terminationStatus
        }
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("genta-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw CLITestError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct CLITestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
