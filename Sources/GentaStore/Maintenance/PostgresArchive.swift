import Foundation

/// A pg_dump custom-format archive, read with pg_restore without any database: its table of
/// contents, every data block, and the migration versions it holds.
struct PostgresArchive: Sendable {
    /// What the table of contents lists.
    struct Contents: Sendable, Equatable {
        /// Entries of every kind (tables, indexes, constraints, data, …).
        var entries: Int
        /// The tables whose rows it holds (`TABLE DATA` entries), as `schema.name`.
        var tablesWithData: [String]

        var holdsMigrationLedger: Bool { tablesWithData.contains { $0.hasSuffix(".schema_migrations") } }
    }

    let file: URL
    let tools: PostgresClientTools
    let environment: [String: String]
    let timeout: Duration

    /// `pg_restore --list`: fails when the file is not an archive or its head is damaged. It reads
    /// only the table of contents, so a file cut short in its data still passes: `readThrough()`
    /// finds that.
    func contents() async throws -> Contents {
        var list = pgRestore(["--list", file.path])
        list.standardOutputLimit = 16 << 20
        let outcome = try await list.run()
        guard outcome.succeeded else {
            throw BackupError("\(file.path) is not a PostgreSQL backup pg_restore can read: \(outcome.standardError.summary)")
        }
        guard outcome.standardOutput.droppedBytes == 0 else {
            throw BackupError("the table of contents of \(file.path) is larger than 16 MiB; Genta's own backups are far smaller")
        }
        return Self.parse(list: outcome.standardOutput.text)
    }

    /// `pg_restore --file=/dev/null`: reads and decompresses every block, as a restore would,
    /// without a database. Fails when the file is cut short or damaged anywhere.
    func readThrough() async throws {
        let outcome = try await pgRestore(["--file=/dev/null", file.path]).run()
        guard outcome.succeeded else {
            throw BackupError("\(file.path) is incomplete or damaged: \(outcome.standardError.summary)")
        }
    }

    /// The versions in the archive's `schema_migrations` rows.
    func migrationVersions() async throws -> [Int] {
        let outcome = try await pgRestore(["--data-only", "--table=schema_migrations", "--file=-", file.path]).run()
        guard outcome.succeeded, outcome.standardOutput.droppedBytes == 0 else {
            throw BackupError("cannot read the migration versions in \(file.path): \(outcome.standardError.summary)")
        }
        return try Self.parseMigrationVersions(outcome.standardOutput.text, file: file)
    }

    private func pgRestore(_ arguments: [String]) -> Subprocess {
        Subprocess(
            executable: tools.pgRestore, arguments: arguments,
            environment: PostgresToolConnection.baseEnvironment(environment), timeout: timeout)
    }

    /// Lines like `3347; 0 16396 TABLE DATA public attempts genta`; those starting with `;` are comments.
    static func parse(list: String) -> Contents {
        var entries = 0
        var tables: [String] = []
        for line in list.split(whereSeparator: \.isNewline) where !line.hasPrefix(";") && !line.isEmpty {
            entries += 1
            guard let marker = line.range(of: " TABLE DATA ") else { continue }
            let names = line[marker.upperBound...].split(separator: " ")
            if names.count >= 2 { tables.append("\(names[0]).\(names[1])") }
        }
        return Contents(entries: entries, tablesWithData: tables)
    }

    /// The first column of the rows between `COPY ….schema_migrations (…) FROM stdin;` and `\.`.
    static func parseMigrationVersions(_ script: String, file: URL) throws -> [Int] {
        var versions: [Int] = []
        var inLedger = false
        for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
            if inLedger {
                if line == "\\." { return versions }
                guard let version = line.split(separator: "\t").first.flatMap({ Int($0) }) else {
                    throw BackupError("\(file.path) holds a schema_migrations row Genta does not understand: \(line.prefix(80))")
                }
                versions.append(version)
            } else if line.hasPrefix("COPY "), line.contains(".schema_migrations (") {
                inLedger = true
            }
        }
        throw BackupError("\(file.path) holds no schema_migrations rows: it is not a backup of a Genta database")
    }
}
