/// One scored response in a sparse data set: person `person` answered item `item`.
public struct ScoredResponse: Sendable, Hashable, Codable {
    /// Person index, 0 ..< personCount.
    public var person: Int
    /// Item index, 0 ..< itemCount.
    public var item: Int
    /// Whether the answer was correct.
    public var correct: Bool

    /// Creates a scored response.
    public init(person: Int, item: Int, correct: Bool) {
        self.person = person
        self.item = item
        self.correct = correct
    }
}

/// Why a response set could not be built.
public enum ResponseDataError: Error, Sendable, Hashable {
    /// A person index outside 0 ..< personCount.
    case personOutOfRange(Int)
    /// An item index outside 0 ..< itemCount.
    case itemOutOfRange(Int)
}

/// Sparse dichotomous responses for calibration, grouped by person (compressed rows).
///
/// Missing is not wrong: an item a person did not see simply has no entry and contributes
/// nothing to that person's likelihood. Repeated (person, item) pairs are kept as independent
/// responses; the caller decides which attempts count (the server uses first attempts).
public struct ResponseData: Sendable {
    /// Number of persons (rows); persons without responses are allowed.
    public let personCount: Int
    /// Number of items (columns).
    public let itemCount: Int
    /// Row starts: person p's responses are `codes[offsets[p] ..< offsets[p + 1]]`.
    let offsets: [Int]
    /// Each response coded as `2·item + (correct ? 1 : 0)`: one integer that both selects the
    /// item's row in the log-likelihood table and says which of its two outcomes was seen.
    let codes: [Int32]

    /// Builds the set from (person, item, correct) triples in any order.
    public init(personCount: Int, itemCount: Int, responses: [ScoredResponse]) throws(ResponseDataError) {
        guard itemCount <= Self.maximumItems else { throw .itemOutOfRange(itemCount) }
        var perPerson = [Int](repeating: 0, count: personCount + 1)
        for r in responses {
            guard r.person >= 0, r.person < personCount else { throw .personOutOfRange(r.person) }
            guard r.item >= 0, r.item < itemCount else { throw .itemOutOfRange(r.item) }
            perPerson[r.person + 1] += 1
        }
        for p in 0..<personCount { perPerson[p + 1] += perPerson[p] }
        var cursor = perPerson
        var codes = [Int32](repeating: 0, count: responses.count)
        for r in responses {
            codes[cursor[r.person]] = Self.code(item: r.item, correct: r.correct)
            cursor[r.person] += 1
        }
        self.personCount = personCount
        self.itemCount = itemCount
        self.offsets = perPerson
        self.codes = codes
    }

    /// Builds the set from per-person lists of (item, correct); person p is `lists[p]`.
    public init(itemCount: Int, perPerson lists: [[(item: Int, correct: Bool)]]) throws(ResponseDataError) {
        guard itemCount <= Self.maximumItems else { throw .itemOutOfRange(itemCount) }
        for list in lists {
            for r in list where r.item < 0 || r.item >= itemCount { throw .itemOutOfRange(r.item) }
        }
        self.init(validatedItemCount: itemCount, perPerson: lists)
    }

    /// A response packed as `2·item + correct` in 32 bits: items are indexed below this.
    public static let maximumItems = Int(Int32.max / 2)

    /// The packed code of a response whose item index is in `0..<maximumItems` (the
    /// initialisers check it); clamped rather than trapping should a caller break that.
    static func code(item: Int, correct: Bool) -> Int32 {
        Int32(clamping: 2 * min(max(item, 0), maximumItems - 1) + (correct ? 1 : 0))
    }

    /// As the public initialiser, for lists whose item indices are known to be in range.
    init(validatedItemCount itemCount: Int, perPerson lists: [[(item: Int, correct: Bool)]]) {
        var offsets = [0]
        offsets.reserveCapacity(lists.count + 1)
        var codes: [Int32] = []
        codes.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for list in lists {
            for r in list { codes.append(Self.code(item: r.item, correct: r.correct)) }
            offsets.append(codes.count)
        }
        self.personCount = lists.count
        self.itemCount = itemCount
        self.offsets = offsets
        self.codes = codes
    }

    /// Total number of responses.
    public var responseCount: Int { codes.count }

    /// Person p's responses as (item, correct) pairs.
    public func responses(ofPerson p: Int) -> [(item: Int, correct: Bool)] {
        codes[offsets[p]..<offsets[p + 1]].map { (item: Int($0 >> 1), correct: $0 & 1 == 1) }
    }

    /// Number of responses per item.
    public func sampleSizes() -> [Int] {
        var n = [Int](repeating: 0, count: itemCount)
        for code in codes { n[Int(code >> 1)] += 1 }
        return n
    }

    /// Number of correct responses per item.
    public func correctCounts() -> [Int] {
        var n = [Int](repeating: 0, count: itemCount)
        for code in codes where code & 1 == 1 { n[Int(code >> 1)] += 1 }
        return n
    }
}
