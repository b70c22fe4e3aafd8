import Foundation
import GentaCore
import GentaIntegrations
import GentaStore
import Logging

/// Settles orders Midtrans went quiet about. An abandoned Snap page sends no notification, so
/// every order still pending some minutes after its page expired is asked about with the
/// status API: unknown to Midtrans → expired here; otherwise its status is applied like a
/// notification's. One still pending a day after its page expired is expired here too.
struct PaymentReconciliation: Sendable {
    let client: MidtransClient
    let ledger: PaymentLedger
    let clock: WallClock
    let logger: Logger

    /// How long after a page's expiry Midtrans gets to send its own `expire` first.
    static let grace: TimeInterval = 300
    static let pendingLimit: TimeInterval = 86_400

    struct Summary: Sendable, Equatable {
        var checked = 0
        var applied = 0
        var expired = 0
        var stillPending = 0
        var failed = 0
    }

    func run(limit: Int = 200) async throws -> Summary {
        var summary = Summary()
        for order in try await ledger.dueForReconciliation(grace: Self.grace, limit: limit) {
            summary.checked += 1
            do {
                try await settle(order, &summary)
            } catch {
                summary.failed += 1
                logger.warning("reconciling an order failed; it is tried again next time",
                    metadata: ["order_id": "\(order.orderID)", "error": "\(error)"])
            }
        }
        return summary
    }

    private func settle(_ order: PaymentOrder, _ summary: inout Summary) async throws {
        guard let answer = try await client.status(orderID: order.orderID) else {
            if try await ledger.expireLocally(order, detail: "Midtrans has no transaction for it: the payment page was abandoned") {
                summary.expired += 1
            }
            return
        }
        guard let report = answer.known else {
            throw MidtransError.malformed("unknown transaction_status \(answer.transactionStatus.prefix(30))")
        }
        let applied = try await ledger.apply(report, receipt: .init(source: .statusAPI))
        guard applied.status == .pending else {
            summary.applied += 1
            return
        }
        if clock.now().timeIntervalSince(order.expiresAt) > Self.pendingLimit,
            try await ledger.expireLocally(order, detail: "still pending a day after its payment page expired")
        {
            summary.expired += 1
        } else {
            summary.stillPending += 1
        }
    }
}
