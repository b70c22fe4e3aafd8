import Foundation

/// The `pg_dump` and `pg_restore` of one PostgreSQL installation.
///
/// `pg_dump` refuses a server newer than itself, and a newer `pg_restore` reads every older
/// archive, so when several versions are installed the newest is the one to use. Debian puts
/// each major version in /usr/lib/postgresql/N/bin and a wrapper on PATH; `GENTA_PG_BIN` names
/// the folder outright when neither is right.
public struct PostgresClientTools: Sendable, Equatable {
    /// The folder holding both programs.
    public let folder: URL
    /// `pg_dump --version`'s number, e.g. 15.18.
    public let version: String

    var pgDump: URL { folder.appendingPathComponent("pg_dump") }
    var pgRestore: URL { folder.appendingPathComponent("pg_restore") }

    /// Where Debian and Ubuntu install each major version's programs.
    public static let installationsFolder = "/usr/lib/postgresql"

    /// The tools named by `GENTA_PG_BIN`, or else the newest found in `installationsFolder/*/bin`
    /// and on `PATH`.
    public static func locate(
        environment: [String: String], installationsFolder: String = installationsFolder
    ) async throws -> PostgresClientTools {
        if let named = environment["GENTA_PG_BIN"], !named.isEmpty {
            let folder = URL(fileURLWithPath: named, isDirectory: true)
            guard let missing = missingProgram(in: folder) else { return try await identify(folder, environment: environment) }
            throw BackupError("GENTA_PG_BIN: \(folder.path) has no executable \(missing)")
        }
        var found: [PostgresClientTools] = []
        for folder in try candidateFolders(environment: environment, installationsFolder: installationsFolder)
        where missingProgram(in: folder) == nil {
            found.append(try await identify(folder, environment: environment))
        }
        // `max(by:)` keeps the first of equals: an installation folder before PATH's wrapper.
        guard let newest = found.max(by: { $0.versionNumbers.lexicographicallyPrecedes($1.versionNumbers) }) else {
            throw BackupError("""
                pg_dump and pg_restore were not found on PATH or in \(installationsFolder)/*/bin: install the PostgreSQL \
                client programs (Debian: postgresql-client) or name their folder in GENTA_PG_BIN
                """)
        }
        return newest
    }

    /// Installation folders, highest major version first, then PATH's folders in order.
    static func candidateFolders(environment: [String: String], installationsFolder: String) throws -> [URL] {
        var folders: [URL] = []
        // Absent on systems that do not install PostgreSQL the Debian way.
        let versions = FileManager.default.fileExists(atPath: installationsFolder)
            ? try FileManager.default.contentsOfDirectory(atPath: installationsFolder) : []
        for version in versions.sorted(by: { (Int($0) ?? -1) > (Int($1) ?? -1) }) {
            folders.append(URL(fileURLWithPath: installationsFolder).appendingPathComponent(version).appendingPathComponent("bin"))
        }
        for entry in (environment["PATH"] ?? "").split(separator: ":") where !entry.isEmpty {
            folders.append(URL(fileURLWithPath: String(entry), isDirectory: true))
        }
        var seen = Set<String>()
        return folders.filter { seen.insert($0.standardizedFileURL.path).inserted }
    }

    /// The first of the two programs `folder` lacks, or nil when it has both.
    private static func missingProgram(in folder: URL) -> String? {
        ["pg_dump", "pg_restore"].first { !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent($0).path) }
    }

    /// Asks the folder's `pg_dump` for its version.
    private static func identify(_ folder: URL, environment: [String: String]) async throws -> PostgresClientTools {
        let program = folder.appendingPathComponent("pg_dump")
        let outcome = try await Subprocess(
            executable: program, arguments: ["--version"], environment: PostgresToolConnection.baseEnvironment(environment),
            timeout: .seconds(30)
        ).run()
        guard outcome.succeeded, let version = parseVersion(outcome.standardOutput.text) else {
            throw BackupError("\(program.path) --version did not give a version: \(outcome.standardError.summary)")
        }
        return PostgresClientTools(folder: folder, version: version)
    }

    /// "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" → "15.18".
    static func parseVersion(_ text: String) -> String? {
        guard let marker = text.range(of: "(PostgreSQL) ") else { return nil }
        let number = text[marker.upperBound...].prefix { $0.isNumber || $0 == "." }
        return number.isEmpty ? nil : String(number)
    }

    var versionNumbers: [Int] { version.split(separator: ".").map { Int($0) ?? 0 } }
}
