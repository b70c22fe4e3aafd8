import Foundation
import GentaCore
import IRT

/// One small line chart per subtest, drawn as SVG on the server: the predicted score (θ on the
/// UTBK scale) at the end of each day over the last `days`, with the target as a dashed line.
/// Built from numbers and the caller's fixed words only, so it holds nothing to escape.
enum TrendChart {
    static let width = 300.0, height = 110.0, left = 34.0, right = 8.0, top = 8.0, bottom = 20.0
    static let scores = 200.0...1000.0

    /// `label` is the chart's accessible name and `axis` the words under both ends of the time
    /// axis, in the page's language; they must hold no markup.
    static func svg(
        _ trend: ThetaTrend, scale: ScoreScale, target: Int?, now: Date, days: Int, label: String, axis: (start: String, end: String)
    ) -> String {
        var parts = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" "
                + "aria-label=\"\(label)\" class=\"trend\">",
        ]
        for score in stride(from: 200, through: 1000, by: 400) {
            let y = self.y(Double(score))
            parts.append("<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(width - right)\" y2=\"\(y)\" class=\"grid\"/>")
            parts.append("<text x=\"\(left - 4)\" y=\"\(y + 3)\" text-anchor=\"end\" class=\"tick\">\(score)</text>")
        }
        parts.append("<text x=\"\(left)\" y=\"\(height - 4)\" class=\"tick\">\(axis.start)</text>")
        parts.append("<text x=\"\(width - right)\" y=\"\(height - 4)\" text-anchor=\"end\" class=\"tick\">\(axis.end)</text>")
        if let target {
            let y = self.y(Double(target))
            parts.append("<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(width - right)\" y2=\"\(y)\" class=\"target\"/>")
        }
        let points = trend.points.map { point in
            (x: x(point.at.timeIntervalSince(now) / 86_400, days: days), y: y(scale.score(theta: point.theta)))
        }
        if points.count > 1 {
            parts.append("<polyline points=\"\(points.map { "\($0.x),\($0.y)" }.joined(separator: " "))\" class=\"line\"/>")
        }
        for point in points.suffix(1) {
            parts.append("<circle cx=\"\(point.x)\" cy=\"\(point.y)\" r=\"3.5\" class=\"estimate\"/>")
        }
        parts.append("</svg>")
        return parts.joined()
    }

    /// Days before now (negative) as x, rounded to a tenth of a unit.
    /// The days a chart spans: back to the oldest point, at least a week, at most `limit`.
    static func span(_ trend: ThetaTrend, now: Date, limit: Int) -> Int {
        guard let first = trend.points.first else { return min(7, limit) }
        let days = (now.timeIntervalSince(first.at) / 86_400).rounded(.up)
        return min(max(7, Bounded.integer(days, in: 0...limit) ?? limit), limit)
    }

    static func x(_ daysAgo: Double, days: Int) -> Double {
        let span = Double(max(days, 1))
        let clamped = min(max(daysAgo.isFinite ? daysAgo : 0, -span), 0)
        return round((left + (clamped + span) / span * (width - left - right)))
    }

    static func y(_ score: Double) -> Double {
        let clamped = min(max(score.isFinite ? score : scores.lowerBound, scores.lowerBound), scores.upperBound)
        return round(top + (scores.upperBound - clamped) / (scores.upperBound - scores.lowerBound) * (height - top - bottom))
    }

    private static func round(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
