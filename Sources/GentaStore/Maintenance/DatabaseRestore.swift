import Foundation
import Logging

/// `genta restore FILE`: a backup made by `DatabaseBackup`, into the configured database, which
/// must be empty.
///
/// Everything that can be checked is checked before the database is touched: that the file is
/// a whole, readable backup of a Genta database of the same kind, from a Genta no newer than
/// this one, and that the database holds nothing a restore could overwrite or mix with. The
/// restore itself is all or nothing (`PostgresRestore`, `SQLiteRestore`), so a refusal or a
/// failure leaves the database exactly as it was.
public struct DatabaseRestore: Sendable {
    let location: DatabaseLocation
    let timeout: Duration
    /// Where `PATH` and `GENTA_PG_BIN` are read from.
    let environment: [String: String]
    let logger: Logger

    public init(
        location: DatabaseLocation, timeout: Duration = DatabaseBackup.defaultTimeout,
        environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger
    ) {
        self.location = location
        self.timeout = timeout
        self.environment = environment
        self.logger = logger
    }

    public func restore(from path: String) async throws -> RestoreReport {
        let started = ContinuousClock.now
        let file = URL(fileURLWithPath: path).standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder) else {
            throw BackupError("\(file.path) does not exist")
        }
        guard !isFolder.boolValue else { throw BackupError("\(file.path) is a folder, not a backup file") }
        try BackupFileKind.require(file, restorableInto: location.dialect)
        var report: RestoreReport
        switch location {
        case .postgres(let server):
            report = try await PostgresRestore(location: server, environment: environment, timeout: timeout, logger: logger)
                .restore(from: file)
        case .sqlite(let target):
            report = try await SQLiteRestore(target: URL(fileURLWithPath: target).standardizedFileURL, logger: logger)
                .restore(from: file)
        }
        report.elapsed = ContinuousClock.now - started
        return report
    }
}
