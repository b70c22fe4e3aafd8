/// What the payment provider says about one order, verified (a signed notification or the
/// provider's own status answer) and read into Genta's terms.
public struct PaymentStatusReport: Sendable, Equatable {
    public let orderID: String
    /// As received ("150000.00").
    public let grossAmount: String
    public let status: TransactionStatus
    public let fraud: FraudStatus?
    public let transactionID: String?
    public let paymentType: String?

    public init(
        orderID: String, grossAmount: String, status: TransactionStatus, fraud: FraudStatus?, transactionID: String?,
        paymentType: String?
    ) {
        self.orderID = orderID
        self.grossAmount = grossAmount
        self.status = status
        self.fraud = fraud
        self.transactionID = transactionID
        self.paymentType = paymentType
    }

    /// The amount in hundredths of a rupiah, when it is a plain decimal of at most two places
    /// and thirteen whole digits ("150000.00"); nil for anything else ("1e309", "-5", "").
    public var grossAmountHundredths: Int? {
        let parts = grossAmount.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), (1...13).contains(parts[0].count), parts[0].allSatisfy(\.isASCIIDigit),
            let whole = Int(parts[0])
        else { return nil }
        guard parts.count == 2 else { return whole * 100 }
        let fraction = parts[1]
        guard (1...2).contains(fraction.count), fraction.allSatisfy(\.isASCIIDigit),
            let hundredths = Int(fraction.count == 1 ? fraction + "0" : String(fraction))
        else { return nil }
        return whole * 100 + hundredths
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
