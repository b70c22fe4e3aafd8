import GentaCore
import GentaIntegrations

/// What is on sale and how Midtrans is reached. Without `MIDTRANS_SERVER_KEY` the plans are
/// still listed but checkout answers 503 `payments_not_configured` and the notification
/// endpoint does not exist.
public struct PaymentConfiguration: Sendable {
    public var plans: PlanCatalog
    public var midtrans: MidtransSettings?

    public init(plans: PlanCatalog = .defaults, midtrans: MidtransSettings? = nil) {
        self.plans = plans
        self.midtrans = midtrans
    }

    /// `MIDTRANS_PRODUCTION=1` switches both base URLs to production and requires a
    /// production key (`Mid-server-…`); otherwise the sandbox and a sandbox key (`SB-Mid-server-…`).
    /// `MIDTRANS_SNAP_URL` / `MIDTRANS_API_URL` override the base URLs (tests, proxies).
    static func read(_ reader: EnvironmentReader) throws(ConfigurationError) -> PaymentConfiguration {
        var plans = PlanCatalog.defaults
        if let text = reader.value("GENTA_PLANS") {
            switch PlanCatalog.parse(text) {
            case .success(let catalog): plans = catalog
            case .failure(let error): throw ConfigurationError(variable: "GENTA_PLANS", message: error.message)
            }
        }
        guard let key = reader.value("MIDTRANS_SERVER_KEY") else { return PaymentConfiguration(plans: plans) }
        let production = try reader.flag("MIDTRANS_PRODUCTION", default: false)
        let prefix = production ? "Mid-server-" : "SB-Mid-server-"
        guard key.hasPrefix(prefix), key.count <= 200, !key.contains(":") else {
            throw ConfigurationError(
                variable: "MIDTRANS_SERVER_KEY",
                message: production ? "a production server key starts with Mid-server- (MIDTRANS_PRODUCTION=1)"
                    : "a sandbox server key starts with SB-Mid-server- (set MIDTRANS_PRODUCTION=1 for production)")
        }
        let snap = try reader.url("MIDTRANS_SNAP_URL", default: production ? MidtransSettings.productionSnap : MidtransSettings.sandboxSnap)
        let api = try reader.url("MIDTRANS_API_URL", default: production ? MidtransSettings.productionAPI : MidtransSettings.sandboxAPI)
        return PaymentConfiguration(plans: plans, midtrans: MidtransSettings(
            serverKey: key, snapBaseURL: snap, apiBaseURL: api,
            timeout: .seconds(try reader.integer("MIDTRANS_TIMEOUT_SECONDS", default: 10, in: 1...60)),
            snapExpiryMinutes: try reader.integer("MIDTRANS_SNAP_EXPIRY_MINUTES", default: 60, in: 5...1440),
            verifyStatus: try reader.flag("MIDTRANS_VERIFY_STATUS", default: false)))
    }
}

extension EnvironmentReader {
    /// An http(s) URL without query or fragment.
    func url(_ name: String, default fallback: String) throws(ConfigurationError) -> String {
        guard let raw = value(name) else { return fallback }
        guard raw.hasPrefix("https://") || raw.hasPrefix("http://"), !raw.contains("?"), !raw.contains("#"), !raw.contains(" ") else {
            throw ConfigurationError(variable: name, message: "must be an http or https URL without query (got \"\(raw)\")")
        }
        return raw
    }
}
