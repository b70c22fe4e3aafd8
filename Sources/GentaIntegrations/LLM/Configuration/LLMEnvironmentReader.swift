import GentaCore
import Foundation

/// Typed reads of the LLM variables, with errors that name the variable.
struct LLMEnvironmentReader {
    let variables: [String: String]

    /// Trimmed, or nil when unset or blank (blank means "use the default").
    func value(_ name: String) -> String? {
        variables[name].nonBlank
    }

    /// An http(s) URL with a host, without trailing slashes.
    func baseURL(_ name: String, default fallback: String?) throws(LLMConfigurationError) -> String? {
        guard let raw = value(name) else { return fallback }
        guard let url = URL(string: raw), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
            let host = url.host, !host.isEmpty
        else {
            throw LLMConfigurationError(variable: name, message: "must be an http(s) URL (got \"\(raw)\")")
        }
        return JSONBody.url(raw, "")
    }

    func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws(LLMConfigurationError) -> Int {
        guard let raw = value(name) else { return fallback }
        guard let number = Int(raw), range.contains(number) else {
            throw LLMConfigurationError(
                variable: name,
                message: "must be a whole number from \(range.lowerBound) to \(range.upperBound) (got \"\(raw)\")")
        }
        return number
    }

    /// Seconds, decimals allowed ("2.5").
    func seconds(_ name: String, default fallback: Duration, in range: ClosedRange<Double>) throws(LLMConfigurationError) -> Duration {
        guard let raw = value(name) else { return fallback }
        guard let number = Double(raw), number.isFinite, range.contains(number) else {
            throw LLMConfigurationError(
                variable: name,
                message: "must be a number of seconds from \(range.lowerBound.settingText) to \(range.upperBound.settingText) (got \"\(raw)\")")
        }
        return Bounded.duration(seconds: number, maximum: .seconds(range.upperBound)) ?? fallback
    }
}

extension Double {
    /// "2" rather than "2.0" in messages.
    fileprivate var settingText: String {
        rounded() == self ? String(Int(self)) : String(self)
    }
}
