import Foundation

/// Turns an import file into the rows the bank validator reads (`QuestionRowValidator`), each
/// with the line it starts on. Problems of the file itself (encoding, CSV syntax, the header, a
/// cell that is not a number or not JSON) are reported here, by line; the rows' content is the
/// validator's business.
public enum QuestionFileReader {
    public struct Rows: Sendable {
        public var questions: [(line: Int, value: JSONValue)] = []
        public var passages: [(line: Int, value: JSONValue)] = []
    }

    /// The columns a CSV file may have: the seed's `questions` columns, then what the other
    /// formats and passages need. Structured cells (`labels`, `statements`,
    /// `accepted_answers`, `passage_table`) hold JSON.
    public static let csvColumns = [
        "external_id", "section", "sub_type", "format", "text",
        "option_a", "option_b", "option_c", "option_d", "option_e", "correct_answer",
        "labels", "statements", "accepted_answers",
        "explanation", "explanation_en", "strategy_tip", "related_concept",
        "difficulty_irt", "discrimination", "guessing_param",
        "passage_key", "passage_title", "passage_text", "passage_table", "passage_figure_reference",
    ]
    /// Without these a file cannot hold a single valid question.
    static let requiredColumns = ["section", "sub_type", "text", "explanation", "difficulty_irt", "discrimination", "guessing_param"]
    static let numberColumns: Set<String> = ["difficulty_irt", "discrimination", "guessing_param"]
    static let jsonColumns: Set<String> = ["labels", "statements", "accepted_answers"]

    public static func read(_ data: Data, format: QuestionFileFormat, fileName: String) -> (rows: Rows, problems: [BankRowProblem]) {
        var problems: [BankRowProblem] = []
        func problem(_ line: Int?, _ field: String?, _ message: String) {
            problems.append(BankRowProblem(file: fileName, row: line, field: field, message: message))
        }
        guard let text = decodeUTF8(data, problem: problem) else { return (Rows(), problems) }
        let rows = switch format {
        case .csv: csvRows(text, problem: problem)
        case .jsonl: jsonLinesRows(text, problem: problem)
        }
        return (rows, problems)
    }

    /// The text of `data`, without a leading byte order mark (spreadsheets write one); nil,
    /// with the line of the first bad byte reported, when it is not UTF-8.
    static func decodeUTF8(_ data: Data, problem: (Int?, String?, String) -> Void) -> String? {
        var bytes = Array(data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): if scalar == "\n" { line += 1 }
            case .emptyInput: break decoding
            case .error: break decoding
            }
        }
        problem(line, nil, "is not UTF-8 text (save the file as UTF-8)")
        return nil
    }

    // MARK: CSV

    static func csvRows(_ text: String, problem: (Int?, String?, String) -> Void) -> Rows {
        let records: [CSVTable.Record]
        do {
            records = try CSVTable.parse(text)
        } catch {
            problem(error.line, nil, error.message)
            return Rows()
        }
        guard let header = records.first else {
            problem(nil, nil, "is empty")
            return Rows()
        }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var headerProblems = false
        for (index, column) in columns.enumerated() {
            if !csvColumns.contains(column) {
                problem(header.line, column, "unknown column (the columns are \(csvColumns.joined(separator: ", ")))")
                headerProblems = true
            } else if columns[..<index].contains(column) {
                problem(header.line, column, "column appears twice")
                headerProblems = true
            }
        }
        for column in requiredColumns where !columns.contains(column) {
            problem(header.line, column, "the header lacks this column")
            headerProblems = true
        }
        guard !headerProblems else { return Rows() }

        var rows = Rows()
        var passages: [String: (line: Int, value: JSONValue)] = [:]
        for record in records.dropFirst() {
            guard record.fields.count == columns.count else {
                problem(record.line, nil, "has \(record.fields.count) fields, the header has \(columns.count)")
                continue
            }
            var cells: [String: String] = [:]
            for (column, field) in zip(columns, record.fields) where !field.isEmpty { cells[column] = field }
            var object: [String: JSONValue] = [:]
            var options: [String: JSONValue] = [:]
            var passage: [String: JSONValue] = [:]
            for (column, cell) in cells {
                switch column {
                case let name where name.hasPrefix("option_"):
                    options[String(name.dropFirst("option_".count)).uppercased()] = .string(cell)
                case "passage_key":
                    object["passage_key"] = .string(cell)
                case let name where name.hasPrefix("passage_"):
                    let field = String(name.dropFirst("passage_".count))
                    passage[field] = field == "table" ? json(cell, column: column, line: record.line, problem: problem) : .string(cell)
                case let name where numberColumns.contains(name):
                    object[name] = number(cell, column: name, line: record.line, problem: problem)
                case let name where jsonColumns.contains(name):
                    object[name] = json(cell, column: name, line: record.line, problem: problem)
                default:
                    object[column] = .string(cell)
                }
            }
            if !options.isEmpty { object["options"] = .object(options) }
            if !passage.isEmpty {
                guard case .string(let key) = object["passage_key"] else {
                    problem(record.line, "passage_key", "is required when the row has passage columns")
                    continue
                }
                passage["key"] = .string(key)
                passage["section"] = object["section"] ?? .null
                // The first row of a passage defines it; later rows may repeat it exactly or leave it out.
                if let earlier = passages[key] {
                    if earlier.value != .object(passage) {
                        problem(record.line, "passage_text", "passage \(key) differs from its definition on line \(earlier.line)")
                    }
                } else {
                    passages[key] = (record.line, .object(passage))
                    rows.passages.append((record.line, .object(passage)))
                }
            }
            rows.questions.append((record.line, .object(object)))
        }
        return rows
    }

    /// A number cell: a plain decimal (`-1.25`, `1e-3`); anything else — `1,5`, `NaN`, a number
    /// too large for a double — is reported here rather than becoming a text the validator
    /// would call "not a number" without saying why.
    static func number(_ cell: String, column: String, line: Int, problem: (Int?, String?, String) -> Void) -> JSONValue {
        guard let value = Double(cell.trimmingCharacters(in: .whitespaces)), value.isFinite else {
            problem(line, column, "must be a number such as 0.75 (found \"\(cell.prefix(40))\")")
            return .null
        }
        return .number(value)
    }

    static func json(_ cell: String, column: String, line: Int, problem: (Int?, String?, String) -> Void) -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(cell.utf8))
        } catch {
            problem(line, column, "must be JSON, e.g. [\"Benar\", \"Salah\"] (found \"\(cell.prefix(40))\")")
            return .null
        }
    }

    // MARK: JSON Lines

    /// One object per line; `"kind": "passage"` marks a passage, anything else is a question.
    static func jsonLinesRows(_ text: String, problem: (Int?, String?, String) -> Void) -> Rows {
        var rows = Rows()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = line.hasSuffix("\r") ? line.dropLast() : line
            guard !content.allSatisfy(\.isWhitespace) else { continue }
            let number = index + 1
            guard case .object(var fields) = try? JSONDecoder().decode(JSONValue.self, from: Data(content.utf8)) else {  // ok: reported on the next line
                problem(number, nil, "must be one JSON object on one line")
                continue
            }
            let kind = fields.removeValue(forKey: "kind")
            switch kind {
            case .string("passage"): rows.passages.append((number, .object(fields)))
            case nil, .string("question"): rows.questions.append((number, .object(fields)))
            default: problem(number, "kind", "must be \"question\" or \"passage\"")
            }
        }
        return rows
    }
}
