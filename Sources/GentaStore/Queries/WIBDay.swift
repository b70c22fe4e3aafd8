import SQLKit

/// The practice day (WIB, UTC+7) of a timestamp column as `YYYY-MM-DD`, on both dialects.
struct WIBDay: SQLExpression {
    let column: String

    init(_ column: String) {
        self.column = column
    }

    func serialize(to serializer: inout SQLSerializer) {
        if serializer.dialect.name == "postgresql" {
            serializer.write("to_char(\(column) AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD')")
        } else {
            serializer.write("date(\(column) + 25200, 'unixepoch')")
        }
    }
}
