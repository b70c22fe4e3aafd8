import SQLKit

extension SQLRow {
    /// A nullable NUMERIC column as a Double. PostgresKit converts NUMERIC only when asked for
    /// `Double` itself, not `Double?`, so NULL is checked first.
    func decodeOptionalDouble(column: String) throws -> Double? {
        try decodeNil(column: column) ? nil : decode(column: column, as: Double.self)
    }
}
