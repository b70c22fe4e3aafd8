import Foundation

/// The file a backup is to be written to, checked before any work starts: its folder exists
/// and can be written, it is not a folder itself, and it is not there already unless replacing
/// it was asked for (an old backup is never overwritten by accident).
struct BackupDestination: Sendable {
    let file: URL
    let replacing: Bool

    init(path: String, replacing: Bool) throws {
        guard !path.isEmpty else { throw BackupError("--to needs a file name") }
        file = URL(fileURLWithPath: path).standardizedFileURL
        self.replacing = replacing
        let folder = file.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw BackupError("folder \(folder) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw BackupError("cannot write in \(folder): permission denied")
        }
        if FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder), isFolder.boolValue {
            throw BackupError("\(file.path) is a folder; name the backup file itself")
        }
        try checkNotThere()
    }

    /// Checked again just before the rename: a file that appeared meanwhile is still not replaced.
    func checkNotThere() throws {
        guard !replacing, FileManager.default.fileExists(atPath: file.path) else { return }
        throw BackupError("\(file.path) already exists; choose another name, or pass --force to replace it")
    }
}
