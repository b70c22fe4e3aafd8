import GentaCore

/// A horizontal bar chart, drawn as SVG on the server: per subtest the predicted score range
/// (a bar), the estimate (a dot) and the target (a line), on the 200–1000 UTBK scale. Built from
/// numbers and fixed labels only, so it holds nothing to escape.
enum ScoreChart {
    static let width = 640.0, rowHeight = 34.0, labelWidth = 56.0, scaleRange = 200.0...1000.0

    static func svg(_ rows: [SectionReadiness], title: String) -> String {
        let height = Double(rows.count) * rowHeight + 24
        var parts = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" "
                + "aria-label=\"\(title)\" class=\"chart\">",
        ]
        for score in stride(from: 200, through: 1000, by: 200) {
            let x = position(Double(score))
            parts.append("<line x1=\"\(x)\" y1=\"0\" x2=\"\(x)\" y2=\"\(Int(height) - 18)\" class=\"grid\"/>")
            parts.append("<text x=\"\(x)\" y=\"\(Int(height) - 4)\" text-anchor=\"middle\" class=\"tick\">\(score)</text>")
        }
        for (index, row) in rows.enumerated() {
            let y = Double(index) * rowHeight + 6
            let low = position(Double(row.predictedScoreLow)), high = position(Double(row.predictedScoreHigh))
            parts.append("<text x=\"0\" y=\"\(Int(y + 16))\" class=\"label\">\(row.section.rawValue)</text>")
            parts.append("<rect x=\"\(low)\" y=\"\(Int(y + 4))\" width=\"\(max(high - low, 2))\" height=\"16\" rx=\"4\" class=\"range\"/>")
            parts.append("<circle cx=\"\(position(Double(row.predictedScore)))\" cy=\"\(Int(y + 12))\" r=\"5\" class=\"estimate\"/>")
            if let target = row.targetScore {
                let x = position(Double(target))
                parts.append("<line x1=\"\(x)\" y1=\"\(Int(y))\" x2=\"\(x)\" y2=\"\(Int(y + 24))\" class=\"target\"/>")
            }
        }
        parts.append("</svg>")
        return parts.joined()
    }

    /// The x of a score, rounded to a tenth of a unit.
    static func position(_ score: Double) -> Double {
        let clamped = min(max(score, scaleRange.lowerBound), scaleRange.upperBound)
        let x = labelWidth + (clamped - scaleRange.lowerBound) / (scaleRange.upperBound - scaleRange.lowerBound) * (width - labelWidth - 24)
        return (x * 10).rounded() / 10
    }
}
