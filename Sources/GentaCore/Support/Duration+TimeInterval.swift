import Foundation

extension Duration {
    /// Seconds as a `TimeInterval`, to do arithmetic with the `Date`s a `WallClock` returns.
    public var timeInterval: TimeInterval {
        let parts = components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }
}
