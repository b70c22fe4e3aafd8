import Foundation
import GentaCore

/// Reads how long a provider asked us to wait.
enum RetryAfter {
    /// `retry-after-ms` (milliseconds, OpenAI) wins over `Retry-After`, which is either
    /// delta-seconds (what the LLM providers send) or an HTTP date (RFC 9110), measured against
    /// `clock`. Nil when absent or unreadable; a date in the past is zero. Whatever the provider
    /// sends, the answer is at most `ceiling` (a day): `1e20` means "much longer than we wait".
    static func duration(of response: LLMHTTPResponse, clock: WallClock) -> Duration? {
        if let raw = response.retryAfterMilliseconds?.trimmingCharacters(in: .whitespaces),
            let milliseconds = Double(raw), milliseconds >= 0
        {
            return Bounded.duration(seconds: milliseconds / 1000, maximum: ceiling)
        }
        guard let raw = response.retryAfter?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        if let seconds = Double(raw) {
            guard seconds >= 0 else { return nil }
            return Bounded.duration(seconds: seconds, maximum: ceiling)
        }
        guard let date = httpDate(raw) else { return nil }
        return Bounded.duration(seconds: max(0, date.timeIntervalSince(clock.now())), maximum: ceiling)
    }

    static let ceiling = Duration.seconds(86_400)

    /// IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`, the only form a sender may generate.
    private static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text)
    }
}
