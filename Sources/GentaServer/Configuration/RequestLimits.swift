/// Limits that keep one caller from slowing down the others (docs/SECURITY.md lists them).
public struct RequestLimits: Sendable, Equatable {
    /// Requests per minute each signed-in user may make on average, and in one burst.
    public var userPerMinute: Int
    public var userBurst: Int
    /// Requests one signed-in user may have in flight at once.
    public var userConcurrency: Int
    /// Requests per minute and burst per client address (a school behind one NAT shares one).
    public var addressPerMinute: Int
    public var addressBurst: Int
    /// Open connections the server accepts; more wait in the listen backlog.
    public var maximumConnections: Int
    /// A connection with no complete request head (or no request at all) for this long is
    /// closed: a client trickling header bytes (slowloris) is dropped after it.
    public var idleTimeout: Duration
    /// After SIGTERM, requests still running after this are abandoned and the process exits.
    public var shutdownTimeout: Duration
    /// A refusal for a rate or concurrency limit is answered after this pause (never longer than
    /// its `Retry-After`): a client that retries at once, ignoring `Retry-After`, then costs one
    /// sleeping task per connection instead of a refusal every few microseconds.
    public var refusalDelay: Duration
    /// Addresses of the reverse proxies in front of Genta, whose `X-Forwarded-For` names the client.
    public var trustedProxies: Set<String>
    /// Largest question file the content team may import in one request (20,000 questions of
    /// the demo bank's length are about 20 MiB).
    public var importMaxBytes: Int

    public init(
        userPerMinute: Int = 240, userBurst: Int = 60, userConcurrency: Int = 6,
        addressPerMinute: Int = 1200, addressBurst: Int = 300, maximumConnections: Int = 4096,
        idleTimeout: Duration = .seconds(30), shutdownTimeout: Duration = .seconds(30),
        refusalDelay: Duration = .seconds(1), trustedProxies: Set<String> = [], importMaxBytes: Int = 32 * 1024 * 1024
    ) {
        self.userPerMinute = userPerMinute
        self.userBurst = userBurst
        self.userConcurrency = userConcurrency
        self.addressPerMinute = addressPerMinute
        self.addressBurst = addressBurst
        self.maximumConnections = maximumConnections
        self.idleTimeout = idleTimeout
        self.shutdownTimeout = shutdownTimeout
        self.refusalDelay = refusalDelay
        self.trustedProxies = trustedProxies
        self.importMaxBytes = importMaxBytes
    }

    /// Reads GENTA_RATE_LIMIT_PER_MINUTE, GENTA_RATE_LIMIT_BURST, GENTA_USER_CONCURRENCY,
    /// GENTA_IP_RATE_LIMIT_PER_MINUTE, GENTA_IP_RATE_LIMIT_BURST, GENTA_MAX_CONNECTIONS,
    /// GENTA_IDLE_TIMEOUT_SECONDS, GENTA_SHUTDOWN_TIMEOUT_SECONDS, GENTA_REFUSAL_DELAY_MS,
    /// GENTA_TRUSTED_PROXIES, GENTA_IMPORT_MAX_BYTES.
    static func read(_ reader: EnvironmentReader) throws(ConfigurationError) -> RequestLimits {
        let defaults = RequestLimits()
        return RequestLimits(
            userPerMinute: try reader.integer("GENTA_RATE_LIMIT_PER_MINUTE", default: defaults.userPerMinute, in: 1...1_000_000),
            userBurst: try reader.integer("GENTA_RATE_LIMIT_BURST", default: defaults.userBurst, in: 1...1_000_000),
            userConcurrency: try reader.integer("GENTA_USER_CONCURRENCY", default: defaults.userConcurrency, in: 1...10_000),
            addressPerMinute: try reader.integer("GENTA_IP_RATE_LIMIT_PER_MINUTE", default: defaults.addressPerMinute, in: 1...10_000_000),
            addressBurst: try reader.integer("GENTA_IP_RATE_LIMIT_BURST", default: defaults.addressBurst, in: 1...10_000_000),
            maximumConnections: try reader.integer("GENTA_MAX_CONNECTIONS", default: defaults.maximumConnections, in: 1...1_000_000),
            idleTimeout: .seconds(try reader.integer("GENTA_IDLE_TIMEOUT_SECONDS", default: 30, in: 1...3600)),
            shutdownTimeout: .seconds(try reader.integer("GENTA_SHUTDOWN_TIMEOUT_SECONDS", default: 30, in: 1...3600)),
            refusalDelay: .milliseconds(try reader.integer("GENTA_REFUSAL_DELAY_MS", default: 1000, in: 0...10_000)),
            trustedProxies: try reader.addresses("GENTA_TRUSTED_PROXIES"),
            importMaxBytes: try reader.integer("GENTA_IMPORT_MAX_BYTES", default: defaults.importMaxBytes, in: 1024...(256 * 1024 * 1024)))
    }
}
