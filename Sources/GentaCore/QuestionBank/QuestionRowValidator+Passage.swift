extension QuestionRowValidator {
    static let passageFields: Set<String> = ["key", "section", "title", "text", "table", "figure_reference"]
    static let maxTitleLength = 255
    static let maxFigureReferenceLength = 500
    static let maxTableCellLength = 200

    /// One passage of a bank's `passages.json`: `key`, `section`, `text`, optionally `title`,
    /// `table` (`{"columns": [...], "rows": [[...], ...]}`, every row as wide as the columns) and
    /// `figure_reference`.
    mutating func validatePassage(_ value: JSONValue) -> PassageDraft? {
        guard case .object(let fields) = value else {
            report(nil, "must be an object, found \(value.typeName)")
            return nil
        }
        for key in fields.keys.sorted() where !Self.passageFields.contains(key) {
            report(key, "unknown field")
        }
        let key = string(fields, "key", maxLength: Self.maxExternalIDLength)
        let section = string(fields, "section").flatMap { raw -> Section? in
            guard let section = Section(rawValue: raw) else {
                report("section", "must be one of \(Section.codeList) (found \"\(raw)\")")
                return nil
            }
            return section
        }
        let title = optionalString(fields, "title", maxLength: Self.maxTitleLength)
        let text = string(fields, "text")
        let figure = optionalString(fields, "figure_reference", maxLength: Self.maxFigureReferenceLength)
        let table = fields["table"].flatMap { $0 == .null ? nil : self.table($0) }
        guard problems.isEmpty, let key, let section, let text else { return nil }
        return PassageDraft(key: key, section: section, title: title, text: text, table: table, figureReference: figure)
    }

    private mutating func table(_ value: JSONValue) -> PassageTable? {
        guard case .object(let parts) = value, Set(parts.keys) == ["columns", "rows"],
            case .array(let columnValues) = parts["columns"]!, case .array(let rowValues) = parts["rows"]!,
            !columnValues.isEmpty, columnValues.count <= 12, !rowValues.isEmpty, rowValues.count <= 50
        else {
            report("table", "must be {\"columns\": [1–12 headings], \"rows\": [1–50 rows of cells]}")
            return nil
        }
        let columns = columnValues.enumerated().compactMap { index, cell in
            nonEmptyString(cell, "table.columns[\(index + 1)]", maxLength: Self.maxTableCellLength)
        }
        var rows: [[String]] = []
        for (index, rowValue) in rowValues.enumerated() {
            guard case .array(let cells) = rowValue, cells.count == columnValues.count else {
                report("table.rows[\(index + 1)]", "must have \(columnValues.count) cells, one per column")
                continue
            }
            let row = cells.enumerated().compactMap { column, cell in
                nonEmptyString(cell, "table.rows[\(index + 1)][\(column + 1)]", maxLength: Self.maxTableCellLength)
            }
            if row.count == cells.count { rows.append(row) }
        }
        guard columns.count == columnValues.count, rows.count == rowValues.count else { return nil }
        return PassageTable(columns: columns, rows: rows)
    }
}
