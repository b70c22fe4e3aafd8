import SQLKit

/// Reads a DATE column as `YYYY-MM-DD` text on both dialects (PostgreSQL sends dates in a
/// binary form the row decoder cannot turn into text; SQLite stores the text already).
struct DateColumnText: SQLExpression {
    let column: String

    init(_ column: String) {
        self.column = column
    }

    func serialize(to serializer: inout SQLSerializer) {
        if serializer.dialect.name == "postgresql" {
            serializer.write("to_char(\(column), 'YYYY-MM-DD')")
        } else {
            serializer.write(column)
        }
    }
}
