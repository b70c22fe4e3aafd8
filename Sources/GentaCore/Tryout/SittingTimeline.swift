import Foundation

/// Why a timed block closed.
public enum BlockEndReason: String, Sendable, Hashable, Codable {
    /// The student finished it before its deadline.
    case finished
    /// Its time ran out.
    case timeUp = "time_up"
}

/// The server's clock of one block in one sitting.
public struct BlockTimes: Sendable, Hashable {
    public var startedAt: Date?
    public var deadline: Date?
    public var endedAt: Date?
    public var endReason: BlockEndReason?

    public init(startedAt: Date? = nil, deadline: Date? = nil, endedAt: Date? = nil, endReason: BlockEndReason? = nil) {
        self.startedAt = startedAt
        self.deadline = deadline
        self.endedAt = endedAt
        self.endReason = endReason
    }

    public var isOpen: Bool { startedAt != nil && endedAt == nil }
}

/// The order of a sitting's blocks in time, owned by the server.
///
/// Blocks run back to back as in the exam: the next one starts the moment the previous one
/// closes, whether the student finished it early or its time ran out. Time keeps running when
/// the student is away, so whoever looks at the sitting next (the student, or the sweep that
/// closes abandoned sittings) sees every block that should have closed closed, each at its own
/// deadline — the result does not depend on when anyone looked.
public struct SittingTimeline: Sendable, Hashable {
    public let blocks: [TimedBlock]
    public private(set) var times: [BlockTimes]

    public init(blocks: [TimedBlock], times: [BlockTimes]) {
        precondition(blocks.count == times.count, "one set of times per block")
        self.blocks = blocks
        self.times = times
    }

    /// A new sitting: the first block starts now.
    public static func starting(_ blocks: [TimedBlock], at now: Date) -> SittingTimeline {
        var timeline = SittingTimeline(blocks: blocks, times: blocks.map { _ in BlockTimes() })
        if !blocks.isEmpty { timeline.start(0, at: now) }
        return timeline
    }

    /// The open block's position; nil when every block has closed.
    public var current: Int? { times.firstIndex { $0.isOpen } }

    public var isOver: Bool { times.allSatisfy { $0.endedAt != nil } }

    /// Closes every block whose deadline has come (a deadline is the first instant at which
    /// answers are refused), starting each next block at the previous one's deadline.
    public mutating func advance(to now: Date) {
        while let position = current, let deadline = times[position].deadline, deadline <= now {
            close(position, at: deadline, reason: .timeUp)
        }
    }

    /// Ends the open block now, before its time is up; the next one starts now.
    public mutating func finishCurrent(at now: Date) {
        advance(to: now)
        guard let position = current else { return }
        close(position, at: now, reason: .finished)
    }

    private mutating func close(_ position: Int, at moment: Date, reason: BlockEndReason) {
        times[position].endedAt = moment
        times[position].endReason = reason
        if position + 1 < blocks.count { start(position + 1, at: moment) }
    }

    private mutating func start(_ position: Int, at moment: Date) {
        times[position].startedAt = moment
        times[position].deadline = moment.addingTimeInterval(TimeInterval(blocks[position].seconds))
    }
}
