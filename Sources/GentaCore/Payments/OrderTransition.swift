/// What one report of Midtrans' status (a notification or a status-API answer) does to an
/// order: the rule that makes duplicated and reordered notifications harmless.
public enum OrderTransition: Sendable, Equatable {
    /// The same status and fraud verdict as already applied.
    case duplicate
    /// Older in Midtrans' status cycle than what the order already has.
    case stale
    /// The order moves to `status` (which may be the one it has, under a newer Midtrans status).
    case apply(PaymentStatus)

    /// Decides from the Midtrans status last applied to the order (nil when none was: the
    /// order is only ours so far, perhaps expired locally) and the incoming one.
    ///
    /// Within a status, a fraud verdict can still move forward (`challenge` → `accept` or
    /// `deny` after review); any other repeat is a duplicate. Our own local expiry never blocks
    /// Midtrans: a verified settlement that arrives after we expired an abandoned order counts.
    public static func decide(
        current: (status: TransactionStatus, fraud: FraudStatus?)?,
        incoming status: TransactionStatus, fraud: FraudStatus?
    ) -> OrderTransition {
        guard let current else { return .apply(PaymentStatus(status, fraud: fraud)) }
        if status.rank < current.status.rank { return .stale }
        if status.rank == current.status.rank {
            guard status == current.status else { return .stale }
            if fraud == current.fraud { return .duplicate }
            // Only a review's verdict moves a challenged payment on; a verdict never goes back.
            guard current.fraud == .challenge, fraud == .accept || fraud == .deny else { return .stale }
        }
        return .apply(PaymentStatus(status, fraud: fraud))
    }
}
