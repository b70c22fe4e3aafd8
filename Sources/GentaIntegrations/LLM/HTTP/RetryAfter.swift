import Foundation
import GentaCore

/// Reads how long a provider asked us to wait.
enum RetryAfter {
    /// `retry-after-ms` (milliseconds, OpenAI) wins over `Retry-After`, which is either
    /// delta-seconds (what the LLM providers send) or an HTTP date (RFC 9110), measured against
    /// `clock`. Nil when absent or unreadable; a date in the past is zero.
    static func duration(of response: LLMHTTPResponse, clock: WallClock) -> Duration? {
        if let raw = response.retryAfterMilliseconds?.trimmingCharacters(in: .whitespaces),
            let milliseconds = Double(raw), milliseconds.isFinite, milliseconds >= 0
        {
            return .milliseconds(Int64(milliseconds.rounded(.up)))
        }
        guard let raw = response.retryAfter?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        if let seconds = Double(raw) {
            guard seconds.isFinite, seconds >= 0 else { return nil }
            return .milliseconds(Int64((seconds * 1000).rounded(.up)))
        }
        guard let date = httpDate(raw) else { return nil }
        let seconds = max(0, date.timeIntervalSince(clock.now()))
        return .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }

    /// IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`, the only form a sender may generate.
    private static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text)
    }
}
