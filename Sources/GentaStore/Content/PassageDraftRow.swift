import Foundation
import GentaCore
import SQLKit

/// Reads `passages` rows as an import file holds them.
enum PassageDraftRow {
    static let columns: SQLQueryString = "id, external_key, section, title, text, data_table, figure_reference"

    static func decode(_ row: any SQLRow) throws -> PassageDraft {
        PassageDraft(
            key: try row.decode(column: "external_key", as: String.self), section: try Section.decode(row, "section"),
            title: try row.decode(column: "title", as: String?.self), text: try row.decode(column: "text", as: String.self),
            table: try row.decode(column: "data_table", as: String?.self).map { try StoredJSON.decode(PassageTable.self, from: $0) },
            figureReference: try row.decode(column: "figure_reference", as: String?.self))
    }
}
