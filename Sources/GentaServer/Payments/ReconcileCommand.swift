import AsyncHTTPClient
import GentaCore
import GentaIntegrations
import GentaStore
import Logging

/// `genta payments reconcile`: one reconciliation round now (`genta serve` runs one every
/// five minutes).
public enum ReconcileCommand {
    public enum Failure: Error, CustomStringConvertible {
        case notConfigured
        public var description: String { "MIDTRANS_SERVER_KEY is not set: there is no Midtrans to ask." }
    }

    /// Returns a one-line summary of what the round did.
    public static func run(configuration: AppConfiguration, database: any Database, logger: Logger, clock: WallClock = .system) async throws -> String {
        guard let settings = configuration.payments.midtrans else { throw Failure.notConfigured }
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
        let result: Result<PaymentReconciliation.Summary, any Error>
        do {
            let reconciliation = PaymentReconciliation(
                client: MidtransClient(settings: settings, httpClient: httpClient, logger: logger),
                ledger: PaymentLedger(database: database, clock: clock), clock: clock, logger: logger)
            var total = PaymentReconciliation.Summary()
            // Rounds of 200 until a round finds nothing it can settle.
            while true {
                let round = try await reconciliation.run()
                total.add(round)
                if round.checked < 200 || round.checked == round.failed + round.stillPending { break }
            }
            result = .success(total)
        } catch {
            result = .failure(error)
        }
        try await httpClient.shutdown()
        let summary = try result.get()
        return "Checked \(summary.checked) pending order(s): \(summary.applied) updated from Midtrans, \(summary.expired) expired, "
            + "\(summary.stillPending) still pending, \(summary.failed) failed."
    }
}

extension PaymentReconciliation.Summary {
    mutating func add(_ other: Self) {
        checked += other.checked
        applied += other.applied
        expired += other.expired
        stillPending += other.stillPending
        failed += other.failed
    }
}
