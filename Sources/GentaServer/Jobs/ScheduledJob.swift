import Foundation

/// A job `genta serve` runs every `period` (and `genta jobs run NAME` at once).
public struct ScheduledJob: Sendable {
    /// What a run did: rows touched, a line worth logging, and whether it stopped early (a
    /// shutdown between batches; the next run resumes).
    public struct Outcome: Sendable {
        public var rows: Int
        public var note: String?
        public var interrupted: Bool

        public init(rows: Int, note: String? = nil, interrupted: Bool = false) {
            self.rows = rows
            self.note = note
            self.interrupted = interrupted
        }
    }

    public var name: String
    public var summary: String
    public var period: Duration
    /// Whether a run that found nothing to do is worth a `job_runs` row. A job polled every
    /// few seconds records only the rounds that did something.
    public var recordsIdleRuns: Bool
    /// One run; `shouldStop` turns true when the server is shutting down: a batch job checks it
    /// between batches.
    public var run: @Sendable (_ shouldStop: @escaping @Sendable () -> Bool) async throws -> Outcome
}
