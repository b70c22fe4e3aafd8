import Foundation

/// The address a request came from, for per-address limits.
///
/// Behind a reverse proxy every connection comes from the proxy, so one bucket would hold every
/// student. When the connection's peer is one of `GENTA_TRUSTED_PROXIES`, the client is the
/// right-most address in `X-Forwarded-For` that is not itself a trusted proxy: entries further
/// left were written by the client and could be anything. From any other peer the header is
/// ignored, so nobody can choose their own bucket by sending it.
enum ClientAddress {
    static func resolve(peer: String?, forwardedFor: String?, trustedProxies: Set<String>) -> String? {
        guard let peer, trustedProxies.contains(peer), let forwardedFor else { return peer }
        for entry in forwardedFor.split(separator: ",").reversed() {
            let address = entry.trimmingCharacters(in: .whitespaces).lowercased()
            guard isAddress(address) else { return peer }  // garbled: the proxy is all we know
            if !trustedProxies.contains(address) { return address }
        }
        return peer
    }

    /// An IPv4 or IPv6 address as text, at most 45 characters (the longest IPv6 form).
    static func isAddress(_ text: String) -> Bool {
        (2...45).contains(text.count) && text.contains(where: { $0 == "." || $0 == ":" })
            && text.allSatisfy { $0.isHexDigit || $0 == "." || $0 == ":" }
    }
}
