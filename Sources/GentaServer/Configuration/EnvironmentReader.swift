import Foundation
import GentaStore

/// Typed reads of environment variables with messages that name the variable.
struct EnvironmentReader {
    let variables: [String: String]

    init(_ variables: [String: String]) {
        self.variables = variables
    }

    /// The value, or nil when unset or blank (a blank variable means "use the default").
    func value(_ name: String) -> String? {
        guard let raw = variables[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        return raw
    }

    func string(_ name: String, default fallback: String) throws(ConfigurationError) -> String {
        value(name) ?? fallback
    }

    func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let raw = value(name) else { return fallback }
        guard let number = Int(raw), range.contains(number) else {
            throw ConfigurationError(
                variable: name,
                message: "must be a whole number from \(range.lowerBound) to \(range.upperBound) (got \"\(raw)\")")
        }
        return number
    }

    func flag(_ name: String, default fallback: Bool) throws(ConfigurationError) -> Bool {
        guard let raw = value(name) else { return fallback }
        switch raw.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigurationError(variable: name, message: "must be 1 or 0 (got \"\(raw)\")")
        }
    }

    func choice<T: RawRepresentable & CaseIterable>(
        _ name: String, default fallback: T
    ) throws(ConfigurationError) -> T where T.RawValue == String {
        guard let raw = value(name) else { return fallback }
        guard let choice = T(rawValue: raw.lowercased()) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigurationError(variable: name, message: "must be one of \(allowed) (got \"\(raw)\")")
        }
        return choice
    }

    /// A comma-separated list of origins, each `scheme://host[:port]` with no path.
    func origins(_ name: String) throws(ConfigurationError) -> Set<String> {
        var origins: Set<String> = []
        for item in (value(name) ?? "").split(separator: ",") {
            let origin = item.trimmingCharacters(in: .whitespaces)
            guard let url = URL(string: origin), ["http", "https"].contains(url.scheme ?? ""), url.host != nil,
                url.path.isEmpty, url.query == nil, url.user == nil
            else {
                throw ConfigurationError(variable: name, message: "must list origins like https://app.example.com, comma-separated (got \"\(origin)\")")
            }
            origins.insert(origin.lowercased())
        }
        return origins
    }

    /// A comma-separated list of IP addresses.
    func addresses(_ name: String) throws(ConfigurationError) -> Set<String> {
        var addresses: Set<String> = []
        for item in (value(name) ?? "").split(separator: ",") {
            let address = item.trimmingCharacters(in: .whitespaces)
            guard ClientAddress.isAddress(address) else {
                throw ConfigurationError(variable: name, message: "must list IP addresses, comma-separated (got \"\(address)\")")
            }
            addresses.insert(address.lowercased())
        }
        return addresses
    }

    /// A secret of at least `minimumLength` characters, or nil when unset.
    func secret(_ name: String, minimumLength: Int) throws(ConfigurationError) -> String? {
        guard let raw = value(name) else { return nil }
        guard raw.count >= minimumLength else {
            throw ConfigurationError(variable: name, message: "must be at least \(minimumLength) characters")
        }
        return raw
    }

    func databaseLocation(
        _ name: String, default fallback: DatabaseLocation, defaultTLS: PostgresLocation.TLSMode = .prefer
    ) throws(ConfigurationError) -> DatabaseLocation {
        guard let raw = value(name) else { return fallback }
        do {
            return try DatabaseLocation(url: raw, defaultTLS: defaultTLS)
        } catch {
            throw ConfigurationError(variable: name, message: error.reason)
        }
    }
}
