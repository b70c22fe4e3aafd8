import Foundation
import Testing

@Suite("genta prune and genta token", .serialized)
struct MaintenanceCLITests {
    @Test("prune --dry-run counts, prune removes; both say what and exit 0")
    func prune() async throws {
        let folder = try GentaProcess.temporaryFolder()
        let dry = try await GentaProcess.run(["prune", "--dry-run"], in: folder)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("Would remove 0 webhook delivery id(s) received before "))
        #expect(dry.stdout.contains("Would remove 0 expired AI feedback cache entries."))
        let real = try await GentaProcess.run(["prune"], in: folder)
        #expect(real.status == 0, "\(real.stderr)")
        #expect(real.stdout.contains("Removed 0 webhook delivery id(s)"))
    }

    @Test("a token minted without --role says student")
    func tokenDefaultsToStudent() async throws {
        let folder = try GentaProcess.temporaryFolder()
        let output = try await GentaProcess.run(["token", "--email", "siti@example.com"], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        let parts = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".")
        try #require(parts.count == 3)
        var payload = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        payload += String(repeating: "=", count: (4 - payload.count % 4) % 4)
        let claims = try JSONSerialization.jsonObject(with: try #require(Data(base64Encoded: payload))) as? [String: Any]
        #expect(claims?["role"] as? String == "student")
    }

    @Test("payments reconcile without a Midtrans key says what is missing and exits 1")
    func reconcileNeedsAKey() async throws {
        let folder = try GentaProcess.temporaryFolder()
        let output = try await GentaProcess.run(["payments", "reconcile"], in: folder)
        #expect(output.status == 1)
        #expect(output.stderr.contains("MIDTRANS_SERVER_KEY is not set"), "\(output.stderr)")
    }

    @Test("payments reconcile with nothing pending checks nothing and exits 0")
    func reconcileNothingPending() async throws {
        let folder = try GentaProcess.temporaryFolder()
        // Nothing is pending, so Midtrans (here a closed port) is never called.
        let output = try await GentaProcess.run(["payments", "reconcile"], environment: [
            "MIDTRANS_SERVER_KEY": "SB-Mid-server-cli-test", "MIDTRANS_API_URL": "http://127.0.0.1:9",
        ], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("Checked 0 pending order(s)"))
    }
}
