/// Midtrans' `transaction_status`, in lower case whatever case it arrived in.
public enum TransactionStatus: String, Sendable, CaseIterable {
    case pending, authorize, capture, settlement
    case deny, cancel, expire, failure
    case partialRefund = "partial_refund", refund
    case partialChargeback = "partial_chargeback", chargeback

    public init?(wire: String) {
        self.init(rawValue: wire.lowercased())
    }

    /// How far along Midtrans' status cycle a status lies. A notification whose status ranks
    /// below the order's is stale (they arrive out of order) and changes nothing:
    /// pending/authorize → capture → settlement → refunds and chargebacks, with `deny`,
    /// `cancel`, `expire` and `failure` ending a payment from wherever it was — `deny` even
    /// after a settlement, which some channels reverse within minutes.
    public var rank: Int {
        switch self {
        case .pending, .authorize: 1
        case .capture: 2
        case .settlement: 3
        case .deny, .cancel, .expire, .failure: 4
        case .partialRefund, .partialChargeback: 5
        case .refund, .chargeback: 6
        }
    }
}

/// Midtrans' `fraud_status`; absent for most channels.
public enum FraudStatus: String, Sendable {
    case accept, challenge, deny

    public init?(wire: String) {
        self.init(rawValue: wire.lowercased())
    }
}

/// An order's state in Genta (`payment_subscriptions.payment_status`).
public enum PaymentStatus: String, Sendable, CaseIterable, Codable {
    /// Waiting for the student, or for a fraud review (`challenge`).
    case pending
    /// Paid: the order grants its period.
    case success
    /// Snap refused or failed, or Midtrans denied or failed the payment.
    case failed
    case expired
    case cancelled
    case refunded
    case chargeback

    /// Our status for Midtrans' status and fraud verdict. Paid means settlement or capture,
    /// with `fraud_status` accept when it is present: a challenged payment waits for review.
    public init(_ status: TransactionStatus, fraud: FraudStatus?) {
        switch status {
        case .capture, .settlement:
            switch fraud {
            case nil, .accept: self = .success
            case .challenge: self = .pending
            case .deny: self = .failed
            }
        case .pending, .authorize: self = .pending
        case .deny, .failure: self = .failed
        case .cancel: self = .cancelled
        case .expire: self = .expired
        case .refund, .partialRefund: self = .refunded
        case .chargeback, .partialChargeback: self = .chargeback
        }
    }
}
