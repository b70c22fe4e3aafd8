import GentaCore

/// A reading passage as template values (rendered by the `passage_table` partial and the
/// pages around it): its title, its text with mathematics, and its table of data.
enum PassageView {
    static func values(_ passage: Passage) -> [String: Any] {
        var values: [String: Any] = ["title": passage.title ?? "", "text_html": MathText.html(passage.text)]
        if let table = passage.table { values["table"] = ["columns": table.columns, "rows": table.rows] }
        return values
    }
}
