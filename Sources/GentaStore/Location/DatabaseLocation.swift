import Foundation

/// Where the data lives, parsed from `DATABASE_URL`.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite file (the embedded default).
    case sqlite(path: String)
    /// A PostgreSQL server.
    case postgres(PostgresLocation)

    /// The embedded default: `genta.sqlite` in the working directory.
    public static let defaultSQLite = DatabaseLocation.sqlite(path: "genta.sqlite")

    /// Parses `sqlite:PATH`, `sqlite://PATH`, `postgres://…` or `postgresql://…`.
    /// `defaultTLS` applies when a PostgreSQL URL names no `sslmode` (production asks for `require`).
    public init(url: String, defaultTLS: PostgresLocation.TLSMode = .prefer) throws(DatabaseLocationError) {
        if url.hasPrefix("sqlite:") {
            var path = String(url.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw .init("sqlite: needs a file path, e.g. sqlite:genta.sqlite") }
            self = .sqlite(path: path)
        } else if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            self = .postgres(try PostgresLocation(url: url, defaultTLS: defaultTLS))
        } else {
            throw .init("must start with sqlite:, postgres:// or postgresql://")
        }
    }

    /// The dialect spoken at this location.
    public var dialect: Dialect {
        switch self {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// A description safe to print: never includes a password.
    public var description: String {
        switch self {
        case .sqlite(let path): "SQLite at \(URL(fileURLWithPath: path).standardizedFileURL.path)"
        case .postgres(let location): "PostgreSQL at \(location)"
        }
    }
}

/// Connection settings of a PostgreSQL server.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, Equatable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public init(
        host: String, port: Int = 5432, username: String, password: String?, database: String,
        tls: TLSMode = .prefer
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
    }

    init(url: String, defaultTLS: TLSMode) throws(DatabaseLocationError) {
        guard let components = URLComponents(string: url) else { throw .init("is not a valid URL") }
        guard let host = components.host, !host.isEmpty else { throw .init("has no host") }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw .init("has a port outside 1–65535") }
        guard let user = components.user, !user.isEmpty else {
            throw .init("has no user name (postgres://USER:PASSWORD@HOST:PORT/DATABASE)")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw .init("has no database name after the host") }
        var tls = defaultTLS
        for item in components.queryItems ?? [] where item.name == "sslmode" {
            switch item.value {
            case "disable": tls = .disable
            case "allow", "prefer": tls = .prefer
            case "require", "verify-ca", "verify-full": tls = .require
            default: throw .init("has an unknown sslmode \"\(item.value ?? "")\"")
            }
        }
        self.init(
            host: host, port: port, username: user.removingPercentEncoding ?? user,
            password: components.password.map { $0.removingPercentEncoding ?? $0 },
            database: database, tls: tls)
    }

    public var description: String { "\(username)@\(host):\(port)/\(database)" }
}

/// `DATABASE_URL` could not be understood; the message says why.
public struct DatabaseLocationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
