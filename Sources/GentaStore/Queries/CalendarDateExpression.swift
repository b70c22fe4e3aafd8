import GentaCore
import SQLKit

/// Binds a calendar day portably: PostgreSQL needs the text cast to DATE, SQLite stores the
/// `YYYY-MM-DD` text as it is (and compares it correctly as text).
struct CalendarDateExpression: SQLExpression {
    let date: CalendarDate?

    init(_ date: CalendarDate?) {
        self.date = date
    }

    func serialize(to serializer: inout SQLSerializer) {
        guard let date else {
            serializer.write("NULL")
            return
        }
        serializer.write(bind: date.description)
        if serializer.dialect.name == "postgresql" {
            serializer.write("::date")
        }
    }
}
