import Foundation

/// One purchase of a plan, from checkout to its final Midtrans status.
public struct PaymentOrder: Sendable, Equatable {
    public var id: UUID
    public var userID: UUID?
    /// Ours, sent to Midtrans and named in every notification: `GENTA-` and 32 hex digits.
    public var orderID: String
    public var planID: String
    public var tier: SubscriptionTier
    public var durationDays: Int
    public var priceIDR: Int
    public var status: PaymentStatus
    /// Midtrans' status and fraud verdict last applied (nil before Midtrans said anything).
    public var midtransStatus: TransactionStatus?
    public var fraudStatus: FraudStatus?
    public var paymentType: String?
    public var snapToken: String?
    public var redirectURL: String?
    /// When the Snap page stops taking payment.
    public var expiresAt: Date
    public var paidAt: Date?
    /// The time this order grants while it is paid (after the orders paid before it).
    public var periodStart: Date?
    public var periodEnd: Date?
    public var failureReason: String?
    public var createdAt: Date

    public init(
        id: UUID, userID: UUID?, orderID: String, planID: String, tier: SubscriptionTier, durationDays: Int, priceIDR: Int,
        status: PaymentStatus, midtransStatus: TransactionStatus?, fraudStatus: FraudStatus?, paymentType: String?,
        snapToken: String?, redirectURL: String?, expiresAt: Date, paidAt: Date?, periodStart: Date?, periodEnd: Date?,
        failureReason: String?, createdAt: Date
    ) {
        self.id = id
        self.userID = userID
        self.orderID = orderID
        self.planID = planID
        self.tier = tier
        self.durationDays = durationDays
        self.priceIDR = priceIDR
        self.status = status
        self.midtransStatus = midtransStatus
        self.fraudStatus = fraudStatus
        self.paymentType = paymentType
        self.snapToken = snapToken
        self.redirectURL = redirectURL
        self.expiresAt = expiresAt
        self.paidAt = paidAt
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.failureReason = failureReason
        self.createdAt = createdAt
    }

    /// A fresh order id: at most 46 characters, so it can be Snap's idempotency key too.
    public static func newOrderID() -> String {
        "GENTA-" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
    }
}

/// What happened with one notification, status answer or local step (`payment_events.outcome`).
public enum PaymentEventOutcome: String, Sendable, Codable {
    case created, snapFailed = "snap_failed"
    case applied, duplicate, stale
    case unknownOrder = "unknown_order", amountMismatch = "amount_mismatch"
    case invalidSignature = "invalid_signature", malformed, unknownStatus = "unknown_status"
    case expiredLocally = "expired_locally"
    /// A paid notification the status API did not confirm (`MIDTRANS_VERIFY_STATUS=1`).
    case unconfirmed
}
