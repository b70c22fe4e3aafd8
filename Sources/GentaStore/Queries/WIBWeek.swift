import SQLKit

/// The Monday (`YYYY-MM-DD`) of the WIB week of a timestamp column, or of a `YYYY-MM-DD` day
/// column — weeks as the founders count them, Monday to Sunday in Jakarta.
struct WIBWeek: SQLExpression {
    enum Source {
        case timestamp(String)
        case day(String)
    }

    let source: Source

    func serialize(to serializer: inout SQLSerializer) {
        let postgres = serializer.dialect.name == "postgresql"
        switch (source, postgres) {
        case (.timestamp(let column), true):
            serializer.write("to_char(date_trunc('week', \(column) AT TIME ZONE 'Asia/Jakarta'), 'YYYY-MM-DD')")
        case (.timestamp(let column), false):
            // 'weekday 0' moves on to the coming Sunday (or stays on one); six days back is its Monday.
            serializer.write("date(\(column) + 25200, 'unixepoch', 'weekday 0', '-6 days')")
        case (.day(let column), true):
            serializer.write("to_char(date_trunc('week', CAST(\(column) AS date)), 'YYYY-MM-DD')")
        case (.day(let column), false):
            serializer.write("date(\(column), 'weekday 0', '-6 days')")
        }
    }
}
