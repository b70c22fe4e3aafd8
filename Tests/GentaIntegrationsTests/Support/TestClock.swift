import Foundation
import GentaCore

/// A clock the test moves by hand, to cross cache lifetimes and refetch intervals without
/// waiting. A lock rather than `Mutex` because the package still supports macOS 14.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = TestClock.start) {
        current = start
    }

    /// 2025-06-15 15:06:40 UTC: an arbitrary, fixed "now".
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    var now: Date {
        lock.withLock { current }
    }

    var wallClock: WallClock {
        WallClock { [self] in now }
    }

    func advance(by seconds: TimeInterval) {
        lock.withLock { current += seconds }
    }
}
