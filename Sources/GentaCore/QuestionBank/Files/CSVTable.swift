/// RFC 4180 CSV: fields separated by commas, records by CRLF or LF; a field in double quotes
/// may hold commas, line breaks and quotes written twice (`""`). Each record keeps the line it
/// starts on, so a problem can name the line a person sees in their editor.
public enum CSVTable {
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
    }

    public struct SyntaxError: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// The records of `text`; a last empty line is not a record. Blank lines between records
    /// are skipped (spreadsheets leave them).
    public static func parse(_ text: String) throws(SyntaxError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1, recordLine = 1
        var inQuotes = false, quotedField = false, afterQuote = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = scalars.next()

        func endField() {
            fields.append(field)
            field = ""
            quotedField = false
            afterQuote = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }

        while let scalar = pending {
            pending = scalars.next()
            if inQuotes {
                if scalar == "\"" {
                    if pending == "\"" {
                        field.unicodeScalars.append("\"")
                        pending = scalars.next()
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                endField()
            case "\r" where pending == "\n":
                continue
            case "\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            case "\"":
                guard field.isEmpty, !quotedField else {
                    throw SyntaxError(line: line, message: "a quote inside an unquoted field (write the field in quotes and the quote twice)")
                }
                inQuotes = true
                quotedField = true
            default:
                guard !afterQuote else {
                    throw SyntaxError(line: line, message: "text after a closing quote (a quote inside a quoted field is written twice)")
                }
                field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes { throw SyntaxError(line: recordLine, message: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty || quotedField { endRecord() }
        return records
    }

    /// One record as CSV, fields quoted when they need it; lines end with CRLF as RFC 4180 says.
    public static func line(_ fields: [String]) -> String {
        fields.map { field in
            let needsQuotes = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
                || field.hasPrefix(" ") || field.hasSuffix(" ")
            return needsQuotes ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\r\n"
    }
}
