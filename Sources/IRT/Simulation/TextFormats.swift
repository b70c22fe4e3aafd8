/// Plain-text data formats shared by the `simulate` command and the benchmark scripts, parsed
/// from bytes so that big response files (a million lines) load in a fraction of a second.
///
/// - Bank (CSV): columns `a,b[,c]` per line; a first line that is not numeric is a header, whose
///   names (`a`, `b`, `c`, any order, other columns ignored) locate the columns.
/// - Thetas: one number per line (the first field of a CSV line); a non-numeric first line is a header.
/// - Responses, two layouts, told apart by the first data line:
///   - matrix: one line per person, one character per item, `1` correct, `0` wrong, `.` or `-`
///     not answered (no commas);
///   - triples (CSV): `person,item,correct` per line, 0-based indices, correct `1`/`0`
///     (or `true`/`false`); an optional header line.
/// - Anchors (CSV): `item,a,b[,c]` per line, 0-based item index, optional header.
///
/// Blank lines and lines starting with `#` are skipped everywhere.
public enum TextFormats {
    /// A parse failure with its 1-based line number.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// 1-based line number.
        public var line: Int
        /// What is wrong.
        public var message: String
        /// "line N: message".
        public var description: String { "line \(line): \(message)" }
    }

    /// Parsed responses in whichever layout the file used.
    public enum Responses: Sendable {
        /// A dense matrix (persons × items).
        case matrix(ResponseMatrix)
        /// Sparse triples, with the person count (largest index + 1).
        case triples([ScoredResponse], personCount: Int)
    }

    /// Parses a bank CSV.
    public static func bank(_ bytes: [UInt8]) throws(ParseError) -> [ItemParameters] {
        var columns = (a: 0, b: 1, c: 2)
        var items: [ItemParameters] = []
        var first = true
        for (number, fields) in lines(bytes) {
            defer { first = false }
            if first, Double(fields[0]) == nil {
                let names = fields.map { $0.lowercased() }
                guard let a = names.firstIndex(of: "a"), let b = names.firstIndex(of: "b") else {
                    throw ParseError(line: number, message: "bank header needs columns a and b")
                }
                columns = (a, b, names.firstIndex(of: "c") ?? -1)
                continue
            }
            guard let a = field(fields, columns.a).flatMap(Double.init),
                  let b = field(fields, columns.b).flatMap(Double.init)
            else { throw ParseError(line: number, message: "expected numbers a,b[,c]") }
            let c = field(fields, columns.c).flatMap(Double.init) ?? 0
            items.append(ItemParameters(a: a, b: b, c: c))
        }
        return items
    }

    /// Parses a list of abilities.
    public static func thetas(_ bytes: [UInt8]) throws(ParseError) -> [Double] {
        var values: [Double] = []
        var first = true
        for (number, fields) in lines(bytes) {
            defer { first = false }
            guard let value = Double(fields[0]) else {
                if first { continue }
                throw ParseError(line: number, message: "expected a number")
            }
            values.append(value)
        }
        return values
    }

    /// Parses anchors: item index → fixed parameters.
    public static func anchors(_ bytes: [UInt8]) throws(ParseError) -> [Int: ItemParameters] {
        var anchors: [Int: ItemParameters] = [:]
        var first = true
        for (number, fields) in lines(bytes) {
            defer { first = false }
            guard let item = Int(fields[0]) else {
                if first { continue }
                throw ParseError(line: number, message: "expected item,a,b[,c]")
            }
            guard let a = field(fields, 1).flatMap(Double.init), let b = field(fields, 2).flatMap(Double.init) else {
                throw ParseError(line: number, message: "expected item,a,b[,c]")
            }
            anchors[item] = ItemParameters(a: a, b: b, c: field(fields, 3).flatMap(Double.init) ?? 0)
        }
        return anchors
    }

    /// Parses responses in either layout.
    public static func responses(_ bytes: [UInt8]) throws(ParseError) -> Responses {
        let isTriples = firstDataLine(bytes)?.contains(UInt8(ascii: ",")) ?? false
        return isTriples ? try triples(bytes) : try matrix(bytes)
    }

    private static func matrix(_ bytes: [UInt8]) throws(ParseError) -> Responses {
        var values: [Int8] = []
        var width = -1
        var rows = 0
        var number = 0
        for line in rawLines(bytes) {
            number += 1
            if line.isEmpty || line.first == UInt8(ascii: "#") { continue }
            if width < 0 { width = line.count }
            guard line.count == width else {
                throw ParseError(line: number, message: "expected \(width) response characters, found \(line.count)")
            }
            for ch in line {
                switch ch {
                case UInt8(ascii: "1"): values.append(1)
                case UInt8(ascii: "0"): values.append(0)
                case UInt8(ascii: "."), UInt8(ascii: "-"): values.append(-1)
                default: throw ParseError(line: number, message: "unexpected character in response matrix")
                }
            }
            rows += 1
        }
        return .matrix(ResponseMatrix(validatedPersonCount: rows, itemCount: max(width, 0), values: values))
    }

    private static func triples(_ bytes: [UInt8]) throws(ParseError) -> Responses {
        var responses: [ScoredResponse] = []
        var persons = 0
        var number = 0
        var first = true
        for line in rawLines(bytes) {
            number += 1
            if line.isEmpty || line.first == UInt8(ascii: "#") { continue }
            defer { first = false }
            var parts = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).makeIterator()
            guard let person = parts.next().flatMap(integer), let item = parts.next().flatMap(integer),
                  let outcome = parts.next().flatMap(boolean)
            else {
                if first { continue }
                throw ParseError(line: number, message: "expected person,item,correct")
            }
            persons = max(persons, person + 1)
            responses.append(ScoredResponse(person: person, item: item, correct: outcome))
        }
        return .triples(responses, personCount: persons)
    }

    // MARK: - Lexing

    /// Lines split at `\n` with a trailing `\r` and surrounding spaces removed.
    private static func rawLines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(trim)
    }

    private static func firstDataLine(_ bytes: [UInt8]) -> ArraySlice<UInt8>? {
        rawLines(bytes).first { !$0.isEmpty && $0.first != UInt8(ascii: "#") }
    }

    /// Non-blank, non-comment lines as (1-based number, trimmed comma-separated fields).
    private static func lines(_ bytes: [UInt8]) -> [(Int, [String])] {
        rawLines(bytes).enumerated().compactMap { index, line in
            if line.isEmpty || line.first == UInt8(ascii: "#") { return nil }
            let fields = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
                .map { String(decoding: trim($0), as: UTF8.self) }
            return (index + 1, fields)
        }
    }

    private static func trim(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var s = s
        while let last = s.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            s.removeLast()
        }
        while let first = s.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { s.removeFirst() }
        return s
    }

    private static func field(_ fields: [String], _ index: Int) -> String? {
        index >= 0 && index < fields.count && !fields[index].isEmpty ? fields[index] : nil
    }

    /// A non-negative decimal integer, without allocating a String.
    private static func integer(_ s: ArraySlice<UInt8>) -> Int? {
        let s = trim(s)
        guard !s.isEmpty, s.count <= 18 else { return nil }
        var value = 0
        for ch in s {
            guard ch >= UInt8(ascii: "0"), ch <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(ch - UInt8(ascii: "0"))
        }
        return value
    }

    private static func boolean(_ s: ArraySlice<UInt8>) -> Bool? {
        let s = trim(s)
        if s.count == 1 {
            return s.first == UInt8(ascii: "1") ? true : s.first == UInt8(ascii: "0") ? false : nil
        }
        return switch String(decoding: s, as: UTF8.self).lowercased() {
        case "1", "true": true
        case "0", "false": false
        default: nil
        }
    }
}
