import Foundation

/// How pg_dump and pg_restore reach the database of `DATABASE_URL`.
///
/// Every setting but the password goes in a libpq connection string passed as `--dbname`
/// (quoted, so any database name works and none is mistaken for a URL); the password goes in
/// `PGPASSWORD`, never on a command line, where `ps` shows it to every user of the machine,
/// and never in a log. The programs get a small, fixed environment: no `PG*` variable of the
/// operator's shell can point them at another server or database.
struct PostgresToolConnection: Sendable {
    let location: PostgresLocation

    /// `host='…' port=… user='…' dbname='…' sslmode=…`, safe to print.
    var connectionString: String {
        let host = location.host.hasPrefix("[") && location.host.hasSuffix("]")
            ? String(location.host.dropFirst().dropLast()) : location.host
        return [
            "host=\(Self.quoted(host))", "port=\(location.port)", "user=\(Self.quoted(location.username))",
            "dbname=\(Self.quoted(location.database))", "sslmode=\(location.tls.rawValue)",
            "connect_timeout=10", "application_name=genta-backup",
        ].joined(separator: " ")
    }

    /// The programs' environment: the base one, with the password when the URL has one.
    func environment(from inherited: [String: String]) -> [String: String] {
        var environment = Self.baseEnvironment(inherited)
        if let password = location.password { environment["PGPASSWORD"] = password }
        return environment
    }

    /// What the programs need of this process's environment (to find helpers, `~/.pgpass`,
    /// and speak the operator's language), and nothing else.
    static func baseEnvironment(_ inherited: [String: String]) -> [String: String] {
        let kept = ["PATH", "HOME", "USER", "LANG", "LC_ALL", "LC_MESSAGES", "LC_CTYPE", "TZ", "TMPDIR"]
        var environment = inherited.filter { kept.contains($0.key) }
        if environment["PATH"] == nil { environment["PATH"] = "/usr/bin:/bin" }
        return environment
    }

    /// A libpq connection-string value: single quotes, with `\` and `'` escaped.
    static func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
