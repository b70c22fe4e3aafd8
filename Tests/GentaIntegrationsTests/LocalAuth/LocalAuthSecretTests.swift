import Foundation
import GentaIntegrations
import Testing

@Suite struct LocalAuthSecretTests {
    /// A fresh directory per test under the system temporary directory, removed afterwards.
    func withTemporaryDirectory(_ body: (String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("genta-secret-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try body(directory)
    }

    @Test func createsA0600SecretAndReusesIt() throws {
        try withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let path = directory + "/local-auth.secret"
            let created = try LocalAuthSecret.loadOrCreate(at: path)
            #expect(created.count == 32)
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            #expect(try LocalAuthSecret.loadOrCreate(at: path) == created)
        }
    }

    @Test func refusesAMissingFolderInsteadOfCreatingIt() throws {
        try withTemporaryDirectory { directory in
            #expect(throws: LocalAuthSecretError.self) {
                try LocalAuthSecret.loadOrCreate(at: directory + "/missing/local-auth.secret")
            }
            #expect(!FileManager.default.fileExists(atPath: directory))
        }
    }

    @Test func readsAnExistingBase64Secret() throws {
        try withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let path = directory + "/secret"
            let bytes = (0..<48).map { UInt8($0) }
            try (Data(bytes).base64EncodedString() + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            #expect(try LocalAuthSecret.loadOrCreate(at: path) == bytes)
        }
    }

    @Test func refusesShortOrUnreadableSecrets() throws {
        try withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let short = directory + "/short"
            try Data(repeating: 1, count: 16).base64EncodedString().write(toFile: short, atomically: true, encoding: .utf8)
            #expect(throws: LocalAuthSecretError.tooShort(path: short)) { try LocalAuthSecret.loadOrCreate(at: short) }
            let garbage = directory + "/garbage"
            try "not base64 at all!".write(toFile: garbage, atomically: true, encoding: .utf8)
            #expect(throws: LocalAuthSecretError.notBase64(path: garbage)) {
                try LocalAuthSecret.loadOrCreate(at: garbage)
            }
        }
    }
}
