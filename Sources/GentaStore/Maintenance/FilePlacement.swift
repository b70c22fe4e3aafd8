import Foundation
import Logging

/// Puts a finished file in place in one step: it is written under a temporary name in the same
/// folder, flushed to disk, then renamed over the final name, so the final name only ever holds
/// a complete file, even if the machine loses power in between.
enum FilePlacement {
    /// A fresh name beside `file`, e.g. `genta.dump.partial-1a2b3c4d`: the same folder (a rename
    /// cannot cross file systems) and plainly visible, so a leftover from a killed run is noticed.
    static func temporaryName(beside file: URL) -> URL {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        return file.deletingLastPathComponent().appendingPathComponent("\(file.lastPathComponent).partial-\(suffix)")
    }

    /// Flushes `temporary`, renames it to `file` (replacing what is there) and flushes the folder,
    /// so the new name survives a crash too.
    static func moveIntoPlace(_ temporary: URL, at file: URL) throws {
        try flush(temporary.path, folder: false)
        guard rename(temporary.path, file.path) == 0 else {
            throw BackupError("cannot rename \(temporary.path) to \(file.path): \(String(cString: strerror(errno)))")
        }
        try flush(file.deletingLastPathComponent().path, folder: true)
    }

    /// Removes a temporary file and any SQLite journal beside it, logging (not throwing) a
    /// failure: this runs while another error is being reported.
    static func discard(_ temporary: URL, logger: Logger) {
        for path in [temporary.path] + SQLiteFile.sidecars(of: temporary.path) where FileManager.default.fileExists(atPath: path) {
            do { try FileManager.default.removeItem(atPath: path) } catch {
                logger.warning("could not remove \(path): \(error.localizedDescription)")
            }
        }
    }

    /// A file's size in bytes.
    static func size(of file: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        return (attributes[.size] as? NSNumber)?.intValue ?? 0
    }

    private static func flush(_ path: String, folder: Bool) throws {
        let descriptor = open(path, folder ? O_RDONLY | O_DIRECTORY : O_RDONLY)
        guard descriptor >= 0 else {
            throw BackupError("cannot open \(path) to flush it: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw BackupError("cannot flush \(path) to disk: \(String(cString: strerror(errno)))")
        }
    }
}
