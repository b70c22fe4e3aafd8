import Foundation
import GentaCore
import HTTPTypes
import Synchronization

/// Students answering practice questions through the API, all at once, until told to stop:
/// the write load a backup is taken under. Every answer the server acknowledged (201) is kept
/// with its attempt id, in order.
final class PracticeLoad: Sendable {
    private struct State {
        var acknowledged: [String] = []
        /// Every refusal, "status what".
        var refusals: [(status: Int, what: String)] = []
        var stopped = false
        /// Why a student gave up, if one did.
        var failure: String?
    }
    private let state = Mutex(State())
    private let app: PracticeHarness
    private let tokens: [String]
    /// Each student stops after this many answers, so a slow backup cannot run the load for ever.
    private let answersPerStudent: Int

    init(app: PracticeHarness, tokens: [String], answersPerStudent: Int = 400) {
        self.app = app
        self.tokens = tokens
        self.answersPerStudent = answersPerStudent
    }

    /// Attempt ids the server acknowledged so far.
    var acknowledged: [String] { state.withLock { $0.acknowledged } }
    /// Answers or questions refused with a server error, which a load must never see.
    var serverErrors: [String] { state.withLock { $0.refusals.filter { $0.status >= 500 }.map { "\($0.status) \($0.what)" } } }

    func stop() {
        state.withLock { $0.stopped = true }
    }

    private var stopped: Bool { state.withLock { $0.stopped } }

    /// Runs every student until `stop()` (or their quota of answers).
    func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for token in tokens {
                group.addTask { try await self.practise(token) }
            }
            try await group.waitForAll()
        }
    }

    /// Waits until at least `count` answers are acknowledged.
    func waitForAcknowledged(atLeast count: Int, seconds: Double = 120) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while acknowledged.count < count {
            if let failure = state.withLock({ $0.failure }) { throw LoadError(failure) }
            guard ContinuousClock.now < deadline else {
                let refusals = state.withLock { $0.refusals.prefix(3).map { "\($0.status) \($0.what)" } }
                throw LoadError("only \(acknowledged.count) answers in \(seconds) s; refusals: \(refusals)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// One student: a mixed session, each question from the next subtest in turn, a new
    /// session whenever the current one can give no more. Twenty refusals in a row end it.
    private func practise(_ token: String) async throws {
        var session = try await app.startSession(token)
        var answered = 0
        var refusedInARow = 0
        while !stopped && answered < answersPerStudent {
            guard refusedInARow < 20 else {
                let last = state.withLock { $0.refusals.last.map { "\($0.status) \($0.what)" } ?? "" }
                state.withLock { $0.failure = "a student was refused 20 times in a row, last: \(last)" }
                return
            }
            let section = Section.allCases[answered % Section.allCases.count]
            let next = try await app.next(token, session: session, section: section)
            guard next.status == .ok, let question = next.json["id"] as? String else {
                note(next.status, "next: \(next.json)")
                refusedInARow += 1
                session = try await app.startSession(token)
                continue
            }
            let result = try await app.call(
                .post, "/api/v1/attempts", token: token, body: Self.answer(to: next.json, question: question, session: session, round: answered),
                headers: [HTTPField.Name("Idempotency-Key")!: UUID().uuidString])
            if result.status == .created, let id = result.json["id"] as? String {
                state.withLock { $0.acknowledged.append(id) }
                answered += 1
                refusedInARow = 0
            } else {
                note(result.status, "answer: \(result.json)")
                refusedInARow += 1
            }
        }
    }

    private func note(_ status: HTTPResponse.Status, _ what: String) {
        state.withLock { $0.refusals.append((status.code, what)) }
    }

    /// An answer that fits the question's format, right or wrong as it falls.
    static func answer(to served: [String: Any], question: String, session: String, round: Int) -> String {
        let answer: String
        switch served["format"] as? String {
        case "complex_multiple_choice":
            let labels = served["labels"] as? [String] ?? ["Benar", "Salah"]
            let statements = (served["statements"] as? [Any])?.count ?? 1
            let chosen = (0..<statements).map { "\"\(labels[($0 + round) % labels.count])\"" }
            answer = #""statement_answers":[\#(chosen.joined(separator: ","))]"#
        case "short_answer":
            answer = #""short_answer":"\#(round % 7)""#
        default:
            answer = #""selected_answer":"\#(["A", "B", "C", "D", "E"][round % 5])""#
        }
        return #"{"question_id":"\#(question)","session_id":"\#(session)",\#(answer),"time_spent_seconds":\#(20 + round % 40)}"#
    }
}

struct LoadError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
