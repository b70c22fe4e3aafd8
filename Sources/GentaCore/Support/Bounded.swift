/// Conversions of numbers that come from outside (headers, JSON, configuration, upstream
/// replies) into integers and durations. `Int64(Double)` traps on a value out of range or not
/// finite — one `Retry-After: 1e20` would stop the process — so every such conversion clamps
/// first.
public enum Bounded {
    /// `value` rounded up and clamped to `range`; nil when it is not a number (NaN).
    public static func integer(_ value: Double, in range: ClosedRange<Int>) -> Int? {
        guard !value.isNaN else { return nil }
        if value <= Double(range.lowerBound) { return range.lowerBound }
        if value >= Double(range.upperBound) { return range.upperBound }
        return Int(value.rounded(.up))
    }

    /// `value` rounded to the nearest integer and clamped to `range`; nil for NaN.
    public static func nearest(_ value: Double, in range: ClosedRange<Int>) -> Int? {
        integer(value.rounded(.toNearestOrAwayFromZero), in: range)
    }

    /// `seconds` as a duration clamped to `0...maximum`, to the millisecond; nil for NaN.
    public static func duration(seconds: Double, maximum: Duration) -> Duration? {
        let limit = maximum.milliseconds
        return integer(seconds * 1000, in: 0...limit).map { .milliseconds($0) }
    }
}

extension Duration {
    /// The whole milliseconds in this duration (rounded down), saturating at `Int.max`.
    public var milliseconds: Int {
        let (seconds, attoseconds) = components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        if overflow { return seconds < 0 ? Int.min : Int.max }
        let total = whole.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
        return total.overflow ? Int.max : Int(total.partialValue)
    }
}
