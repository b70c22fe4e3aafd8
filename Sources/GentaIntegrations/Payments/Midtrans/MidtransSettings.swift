/// How Genta reaches Midtrans: the server key and the two base URLs (Snap and the Core API),
/// sandbox unless production is asked for.
public struct MidtransSettings: Sendable, Equatable {
    /// `SB-Mid-server-…` (sandbox) or `Mid-server-…` (production). Signs nothing of ours; it
    /// authenticates our calls and checks the signatures of Midtrans' notifications.
    public var serverKey: String
    /// Where Snap lives, without a trailing slash (`…/snap/v1/transactions` is appended).
    public var snapBaseURL: String
    /// Where the status API lives (`…/v2/{order_id}/status` is appended).
    public var apiBaseURL: String
    /// The longest any one call to Midtrans may take.
    public var timeout: Duration
    /// How long a Snap page stays payable; an order still pending after it is reconciled.
    public var snapExpiryMinutes: Int
    /// Confirm every paid notification with the status API before granting.
    public var verifyStatus: Bool

    public static let sandboxSnap = "https://app.sandbox.midtrans.com"
    public static let sandboxAPI = "https://api.sandbox.midtrans.com"
    public static let productionSnap = "https://app.midtrans.com"
    public static let productionAPI = "https://api.midtrans.com"

    public init(
        serverKey: String, snapBaseURL: String = sandboxSnap, apiBaseURL: String = sandboxAPI,
        timeout: Duration = .seconds(10), snapExpiryMinutes: Int = 60, verifyStatus: Bool = false
    ) {
        self.serverKey = serverKey
        self.snapBaseURL = Self.trimmingSlash(snapBaseURL)
        self.apiBaseURL = Self.trimmingSlash(apiBaseURL)
        self.timeout = timeout
        self.snapExpiryMinutes = snapExpiryMinutes
        self.verifyStatus = verifyStatus
    }

    private static func trimmingSlash(_ url: String) -> String {
        url.hasSuffix("/") ? String(url.dropLast()) : url
    }
}
