import Foundation

/// Something a student can buy: a period of a paid tier at a price in rupiah.
///
/// A plan is a one-off purchase, never a renewal: Midtrans cannot charge QRIS, virtual-account
/// or ShopeePay buyers again by itself (docs/PAYMENTS.md).
public struct Plan: Sendable, Equatable, Codable {
    public let id: String
    public let tier: SubscriptionTier
    public let durationDays: Int
    public let priceIDR: Int

    public init(id: String, tier: SubscriptionTier, durationDays: Int, priceIDR: Int) {
        self.id = id
        self.tier = tier
        self.durationDays = durationDays
        self.priceIDR = priceIDR
    }

    /// The name on the Midtrans page and the receipt, in Indonesian.
    public var displayName: String {
        "\(tier == .premiumPlus ? "Premium Plus" : "Premium") \(durationDays) hari"
    }
}

/// The plans on sale, from configuration (`GENTA_PLANS`) or the defaults.
public struct PlanCatalog: Sendable, Equatable {
    public let plans: [Plan]

    /// Prices per period fall with length, and Premium Plus (unlimited AI feedback, more
    /// tryouts) costs about twice Premium: in line with what Indonesian UTBK prep apps charge.
    public static let defaults = PlanCatalog(plans: [
        Plan(id: "premium-30", tier: .premium, durationDays: 30, priceIDR: 49_000),
        Plan(id: "premium-90", tier: .premium, durationDays: 90, priceIDR: 129_000),
        Plan(id: "premium-365", tier: .premium, durationDays: 365, priceIDR: 399_000),
        Plan(id: "premium_plus-30", tier: .premiumPlus, durationDays: 30, priceIDR: 99_000),
        Plan(id: "premium_plus-90", tier: .premiumPlus, durationDays: 90, priceIDR: 259_000),
        Plan(id: "premium_plus-365", tier: .premiumPlus, durationDays: 365, priceIDR: 799_000),
    ])

    public init(plans: [Plan]) {
        self.plans = plans
    }

    public func plan(id: String) -> Plan? {
        plans.first { $0.id == id }
    }

    /// Bounds that keep every plan storable and payable: Midtrans item ids are at most 50
    /// characters, and amounts are positive whole rupiah.
    public static let durationRange = 1...3_660
    public static let priceRange = 1_000...100_000_000

    /// Reads `id:tier:days:price` entries separated by commas, e.g.
    /// `premium-30:premium:30:49000,premium_plus-30:premium_plus:30:99000`.
    public static func parse(_ text: String) -> Result<PlanCatalog, PlanCatalogError> {
        var plans: [Plan] = []
        for entry in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            let fields = entry.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else { return .failure(.init("\"\(entry)\" is not id:tier:days:price")) }
            let id = fields[0]
            guard (1...40).contains(id.count), id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) }) else {
                return .failure(.init("plan id \"\(id)\" must be 1 to 40 letters, digits, - or _"))
            }
            guard let tier = SubscriptionTier(rawValue: fields[1]), tier.isPaid else {
                return .failure(.init("plan \(id): tier must be premium or premium_plus"))
            }
            guard let days = Int(fields[2]), durationRange.contains(days) else {
                return .failure(.init("plan \(id): days must be a whole number from 1 to 3660"))
            }
            guard let price = Int(fields[3]), priceRange.contains(price) else {
                return .failure(.init("plan \(id): price must be whole rupiah from 1000 to 100000000"))
            }
            guard !plans.contains(where: { $0.id == id }) else { return .failure(.init("plan \(id) is listed twice")) }
            plans.append(Plan(id: id, tier: tier, durationDays: days, priceIDR: price))
        }
        guard !plans.isEmpty else { return .failure(.init("no plans listed")) }
        return .success(PlanCatalog(plans: plans))
    }
}

public struct PlanCatalogError: Error, Sendable, Equatable {
    public let message: String
    init(_ message: String) { self.message = message }
}
