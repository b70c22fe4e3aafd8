/// How many items of one content sub type a fixed form takes.
///
/// A list of quotas is a blueprint: its order is the order in which the sub types are presented
/// on the form, and its counts sum to the form's length.
public struct FormQuota: Sendable, Hashable, Codable {
    /// The sub type (nil = unclassified items).
    public var subtype: String?
    /// Number of items of that sub type.
    public var count: Int

    /// Creates a quota.
    public init(subtype: String?, count: Int) {
        self.subtype = subtype
        self.count = count
    }

    /// Quotas proportional to how often each sub type occurs in `subtypes` (one entry per pool
    /// item), rounded by the largest-remainder (Hamilton) method so they sum to exactly `length`.
    ///
    /// Why largest remainder: each sub type gets the floor of its exact share and no sub type
    /// is ever more than one item away from it, which rounding each share on its own cannot
    /// promise (three sub types of 1/3 each in a 10-item form would round to 3 + 3 + 3). The
    /// remainders are compared as exact integers (`length·count mod total`), so there is no
    /// floating-point tie; equal remainders go to the sub type with more items in the pool, then
    /// to the one seen first. A sub type never gets more items than the pool holds when
    /// `length ≤ subtypes.count`. Quotas come in order of first appearance in `subtypes`, so the
    /// caller's ordering of the pool decides the presentation order. Empty for `length ≤ 0` or
    /// an empty pool.
    public static func proportional(length: Int, subtypes: [String?]) -> [FormQuota] {
        guard length > 0, !subtypes.isEmpty else { return [] }
        var order: [String?] = []
        var counts: [String?: Int] = [:]
        for subtype in subtypes {
            if counts[subtype] == nil { order.append(subtype) }
            counts[subtype, default: 0] += 1
        }
        let total = subtypes.count
        // length·count / total in double width: exact, and no overflow for any Int length.
        let shares = order.map { subtype in
            total.dividingFullWidth(length.multipliedFullWidth(by: counts[subtype] ?? 0))
        }
        var quotas = zip(order, shares).map { FormQuota(subtype: $0, count: $1.quotient) }
        let remainders = shares.map(\.remainder)
        let seats = length - quotas.reduce(0) { $0 + $1.count }
        let ranked = order.indices.sorted { x, y in
            if remainders[x] != remainders[y] { return remainders[x] > remainders[y] }
            let cx = counts[order[x]] ?? 0, cy = counts[order[y]] ?? 0
            if cx != cy { return cx > cy }
            return x < y
        }
        for position in ranked.prefix(max(seats, 0)) { quotas[position].count += 1 }
        return quotas
    }
}
