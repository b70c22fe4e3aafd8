/// What Snap needs to open a payment page for one order.
public struct SnapTransaction: Sendable, Equatable {
    public let orderID: String
    public let amountIDR: Int
    public let itemID: String
    public let itemName: String
    public let customerName: String?
    public let customerEmail: String?
    public let expiryMinutes: Int

    public init(
        orderID: String, amountIDR: Int, itemID: String, itemName: String, customerName: String?, customerEmail: String?,
        expiryMinutes: Int
    ) {
        self.orderID = orderID
        self.amountIDR = amountIDR
        self.itemID = itemID
        self.itemName = itemName
        self.customerName = customerName
        self.customerEmail = customerEmail
        self.expiryMinutes = expiryMinutes
    }

    /// The request body: one item whose price is the whole amount, as Snap requires
    /// (`gross_amount` = Σ price × quantity).
    var body: SnapRequestBody {
        SnapRequestBody(
            transaction_details: .init(order_id: orderID, gross_amount: amountIDR),
            item_details: [.init(id: itemID, price: amountIDR, quantity: 1, name: itemName)],
            customer_details: customerName == nil && customerEmail == nil
                ? nil : .init(first_name: customerName, email: customerEmail),
            expiry: .init(unit: "minute", duration: expiryMinutes))
    }
}

/// A Snap payment page: its token (for the embedded pop-up) and its URL, both opaque.
public struct SnapPage: Sendable, Equatable {
    public let token: String
    public let redirectURL: String
}

struct SnapRequestBody: Encodable {
    struct TransactionDetails: Encodable {
        let order_id: String
        let gross_amount: Int
    }
    struct Item: Encodable {
        let id: String
        let price: Int
        let quantity: Int
        let name: String
    }
    struct Customer: Encodable {
        let first_name: String?
        let email: String?
    }
    struct Expiry: Encodable {
        let unit: String
        let duration: Int
    }
    let transaction_details: TransactionDetails
    let item_details: [Item]
    let customer_details: Customer?
    let expiry: Expiry
}

struct SnapCreated: Decodable {
    let token: String?
    let redirect_url: String?
}

struct MidtransErrorBody: Decodable {
    let error_messages: [String]?
    let status_message: String?
}
