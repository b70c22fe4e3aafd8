import Foundation
import GentaCore
import SQLKit

/// A question's passage read beside it, from `passages` joined as `p` (LEFT JOIN: most
/// questions have none).
enum PassageColumns {
    static let select: SQLQueryString = """
        p.id AS passage_id, p.title AS passage_title, p.text AS passage_text, p.data_table AS passage_table,
        p.figure_reference AS passage_figure
        """

    static func decode(_ row: any SQLRow) throws -> Passage? {
        guard let id = try row.decode(column: "passage_id", as: UUID?.self) else { return nil }
        return Passage(
            id: id, title: try row.decode(column: "passage_title", as: String?.self),
            text: try row.decode(column: "passage_text", as: String.self),
            table: try row.decode(column: "passage_table", as: String?.self).map { try StoredJSON.decode(PassageTable.self, from: $0) },
            figureReference: try row.decode(column: "passage_figure", as: String?.self))
    }
}
