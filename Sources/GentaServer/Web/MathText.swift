/// Question text as HTML: everything escaped, then the bank's plain-text mathematics drawn as
/// MathML, which browsers render natively — `x^2` and `(a+b)^(n-1)` as powers, `√x` and
/// `sqrt(x)` as roots, `3/4` and `(a+b)/(a−b)` as fractions (not `km/jam` nor `12/05/2027`:
/// only numbers or bracketed groups on both sides, standing alone). Only escaped text goes in,
/// and only letters (Greek too), digits and `+ - − . , ( )` are moved into the MathML — never
/// `&` or `;`, so no entity is split — and the result holds no markup from the bank.
enum MathText {
    static func html(_ text: String) -> String {
        var html = escape(text)
        html = html.replacing(power) { match in
            "<math><msup>\(token(String(match.output.1)))\(token(String(match.output.2)))</msup></math>"
        }
        html = html.replacing(root) { match in
            "<math><msqrt>\(token(String(match.output.1 ?? match.output.2 ?? "")))</msqrt></math>"
        }
        html = html.replacing(fraction) { match in
            "\(match.output.1)<math><mfrac>\(token(String(match.output.2)))\(token(String(match.output.3)))</mfrac></math>"
        }
        return html
    }

    /// `base^exponent`, each a run of letters and digits or a parenthesised simple expression.
    nonisolated(unsafe) static let power = /([\p{L}\p{N}]+|\([\p{L}\p{N}+\-]+\))\^(\(?-?[\p{L}\p{N}+\-]+\)?)/
    /// `√x`, `√(x+1)` or `sqrt(x+1)`.
    nonisolated(unsafe) static let root = /(?:√|sqrt)(?:\(([\p{L}\p{N}+\-]+)\)|([\p{L}\p{N}]+))/

    /// `numerator/denominator`, each a number or a bracketed simple expression, with neither a
    /// letter, a digit nor another slash around it (so units and dates stay text). The
    /// character before it is captured and put back, as Swift's regexes have no lookbehind.
    nonisolated(unsafe) static let fraction =
        /(^|[^\p{L}\p{N}\/.,])(\d+(?:[.,]\d+)?|\([\p{L}\p{N}+\-−]+\))\/(\d+(?:[.,]\d+)?|\([\p{L}\p{N}+\-−]+\))(?![\p{L}\p{N}\/])/

    /// A number as `<mn>`, anything else as `<mi>` (without the parentheses of a group).
    static func token(_ text: String) -> String {
        var inner = text
        if inner.hasPrefix("("), inner.hasSuffix(")"), inner.count > 2 { inner = String(inner.dropFirst().dropLast()) }
        return inner.allSatisfy { $0.isNumber || "-−.,".contains($0) } ? "<mn>\(inner)</mn>" : "<mi>\(inner)</mi>"
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
