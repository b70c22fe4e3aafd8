/// How a short answer ("isian singkat") is compared with the answers a question accepts.
///
/// Numbers are compared as exact fractions, so `0,5`, `0.5` and `1/2` are one value, as are `2`
/// and `2,00`. Indonesian writes a decimal comma and a dot between thousands; students also type
/// an English decimal point. The rule: with both marks, the dot groups thousands and the comma
/// is decimal (`1.250,5`); with only dots, dots between groups of exactly three digits (after a
/// first group of one to three that is not `0`) group thousands (`360.000`, `1.250`), and any
/// other dot is decimal (`0.5`, `0.125`, `12.25`). Anything that is not
/// a number is compared as text: case-insensitive, white space trimmed and collapsed, a final
/// full stop ignored.
public enum ShortAnswer {
    public enum Value: Hashable, Sendable {
        /// A number as a reduced fraction with a positive denominator.
        case number(numerator: Int, denominator: Int)
        case text(String)
    }

    /// True when `given` equals one of `accepted` after normalising both.
    public static func matches(_ given: String, accepted: [String]) -> Bool {
        guard let value = normalised(given) else { return false }
        return accepted.contains { normalised($0) == value }
    }

    /// The value an answer stands for; nil when it is empty (or longer than any answer can be).
    public static func normalised(_ raw: String) -> Value? {
        let text = raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !text.isEmpty, text.unicodeScalars.count <= maximumLength else { return nil }
        if let number = number(text) { return number }
        var words = text.lowercased()
        if words.hasSuffix("."), words.count > 1 { words.removeLast() }
        return .text(words)
    }

    /// Longest answer worth comparing; a longer one is simply wrong, never an error.
    public static let maximumLength = 200

    static func number(_ text: String) -> Value? {
        var body = Substring(text.replacingOccurrences(of: " ", with: ""))
        var negative = false
        if let sign = body.first, sign == "-" || sign == "+" || sign == "\u{2212}" {
            negative = sign != "+"
            body = body.dropFirst()
        }
        let parts = body.split(separator: "/", omittingEmptySubsequences: false)
        let value: (Int, Int)?
        switch parts.count {
        case 1: value = decimal(parts[0])
        case 2:
            guard let top = decimal(parts[0]), let bottom = decimal(parts[1]), bottom.0 != 0 else { return nil }
            value = divide(top, bottom)
        default: return nil
        }
        guard let (numerator, denominator) = value else { return nil }
        return reduced(negative ? -numerator : numerator, denominator)
    }

    /// `12`, `12,5`, `0.5`, `1.250`, `1.250,75` as numerator and power-of-ten denominator.
    static func decimal(_ text: Substring) -> (Int, Int)? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }) else { return nil }
        let hasComma = text.contains(","), dotGroups = text.split(separator: ".", omittingEmptySubsequences: false)
        let groupsThousands = dotGroups.count > 1 && dotGroups.dropFirst().allSatisfy { group in
            let digits = group.prefix { $0 != "," }
            return digits.count == 3
        } && (1...3).contains(dotGroups[0].count) && dotGroups[0].first != "0"
        var whole: Substring, fraction: Substring = ""
        if hasComma || groupsThousands {
            let cleaned = text.replacingOccurrences(of: ".", with: "")
            let halves = cleaned.split(separator: ",", omittingEmptySubsequences: false)
            guard halves.count <= 2, hasComma || !groupsThousands || halves.count == 1 else { return nil }
            whole = halves[0]
            if halves.count == 2 { fraction = halves[1] }
            if hasComma, !groupsThousands, dotGroups.count > 1 { return nil }  // "1.5,2"
        } else {
            guard dotGroups.count <= 2 else { return nil }
            whole = dotGroups[0]
            if dotGroups.count == 2 { fraction = dotGroups[1] }
        }
        guard !(whole.isEmpty && fraction.isEmpty), whole.count + fraction.count <= 15,
            let wholeValue = Int(whole.isEmpty ? "0" : whole), let fractionValue = Int(fraction.isEmpty ? "0" : fraction)
        else { return nil }
        var scale = 1
        for _ in 0..<fraction.count { scale *= 10 }
        return (wholeValue * scale + fractionValue, scale)
    }

    /// (a/b) ÷ (c/d), refusing what would overflow.
    static func divide(_ top: (Int, Int), _ bottom: (Int, Int)) -> (Int, Int)? {
        let (numerator, overflowA) = top.0.multipliedReportingOverflow(by: bottom.1)
        let (denominator, overflowB) = top.1.multipliedReportingOverflow(by: bottom.0)
        guard !overflowA, !overflowB else { return nil }
        return (numerator, denominator)
    }

    static func reduced(_ numerator: Int, _ denominator: Int) -> Value {
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : gcd(b, a % b) }
        let divisor = max(1, gcd(numerator, denominator))
        let sign = denominator < 0 ? -1 : 1
        return .number(numerator: sign * numerator / divisor, denominator: sign * denominator / divisor)
    }
}
