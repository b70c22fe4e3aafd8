import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The HS256 secret of local mode, kept in a file (base64, one line) so that tokens survive a
/// restart. Created on first start; a secret is never logged.
public enum LocalAuthSecret {
    /// Bytes generated for a new secret: HS256's output length.
    public static let generatedLength = 32

    /// Reads the secret at `path`, or creates one there: 32 bytes from the system's secure random
    /// generator, written base64 to a new file with permissions 0600. A missing folder is an
    /// error, not created: a typo in a path should be reported, not silently made real.
    ///
    /// Creation uses `O_CREAT | O_EXCL` with mode 0600 given to `open` itself, so the file is never
    /// readable by others, not even for a moment, and a second process starting at the same time
    /// can never overwrite a secret already in use: it reads the existing file instead.
    public static func loadOrCreate(at path: String) throws(LocalAuthSecretError) -> [UInt8] {
        if FileManager.default.fileExists(atPath: path) {
            return try load(at: path)
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            throw .io(path: path, reason: "its folder \(directory) does not exist")
        }
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<generatedLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        switch createExclusively(at: path, contents: Array((Data(secret).base64EncodedString() + "\n").utf8)) {
        case .created:
            return secret
        case .alreadyExists:
            return try load(at: path)
        case .failed(let reason):
            throw .io(path: path, reason: reason)
        }
    }

    private static func load(at path: String) throws(LocalAuthSecretError) -> [UInt8] {
        let contents: String
        do {
            contents = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .io(path: path, reason: error.localizedDescription)
        }
        guard let secret = Data(base64Encoded: contents.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw .notBase64(path: path)
        }
        guard secret.count >= LocalAuthKeys.minimumSecretLength else { throw .tooShort(path: path) }
        return [UInt8](secret)
    }

    private enum CreateOutcome {
        case created, alreadyExists, failed(String)
    }

    private static func createExclusively(at path: String, contents: [UInt8]) -> CreateOutcome {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            return errno == EEXIST ? .alreadyExists : .failed(String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var written = 0
        while written < contents.count {
            let result = contents[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                // A half-written secret would fail every later start; remove it so the next start retries.
                unlink(path)
                return .failed(reason)
            }
            written += result
        }
        // The secret must survive a crash right after start, or every token minted would die with it.
        guard fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(path)
            return .failed(reason)
        }
        return .created
    }
}
