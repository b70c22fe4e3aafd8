/// A dense person × item matrix of responses: 1 correct, 0 wrong, −1 not answered.
///
/// Used to give a CAT simulation fixed answers, so different engines (or a peer package) meet
/// exactly the same simulee behaviour, and as a compact input format for calibration.
public struct ResponseMatrix: Sendable, Hashable {
    /// Rows.
    public let personCount: Int
    /// Columns.
    public let itemCount: Int
    /// Row-major values, `personCount × itemCount`.
    public let values: [Int8]

    /// Creates a matrix from `personCount × itemCount` row-major entries in {−1, 0, 1} (any other
    /// value counts as not answered); nil when the count does not match.
    public init?(personCount: Int, itemCount: Int, values: [Int8]) {
        guard personCount >= 0, itemCount >= 0, values.count == personCount * itemCount else { return nil }
        self.init(validatedPersonCount: personCount, itemCount: itemCount, values: values)
    }

    /// As the public initialiser, for a size known to match.
    init(validatedPersonCount personCount: Int, itemCount: Int, values: [Int8]) {
        self.personCount = personCount
        self.itemCount = itemCount
        self.values = values
    }

    /// The response of `person` to `item`: true, false, or nil when not answered.
    public func response(person: Int, item: Int) -> Bool? {
        switch values[person * itemCount + item] {
        case 1: true
        case 0: false
        default: nil
        }
    }

    /// The answered cells as sparse calibration data.
    public func responseData() -> ResponseData {
        let lists = (0..<personCount).map { p in
            (0..<itemCount).compactMap { i in response(person: p, item: i).map { (item: i, correct: $0) } }
        }
        return ResponseData(validatedItemCount: itemCount, perPerson: lists)
    }
}
