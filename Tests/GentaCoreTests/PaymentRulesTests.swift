import Foundation
import GentaCore
import Testing

@Suite("Payment rules")
struct PaymentRulesTests {
    let day: TimeInterval = 86_400
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func order(_ tier: SubscriptionTier, days: Int, price: Int, paidAfter offset: Double) -> PaidOrder {
        PaidOrder(id: UUID(), tier: tier, durationDays: days, priceIDR: price, paidAt: start.addingTimeInterval(offset * day))
    }

    @Test("Midtrans statuses map to paid only for settlement or capture with fraud accepted or absent")
    func paidMeaning() {
        #expect(PaymentStatus(.settlement, fraud: nil) == .success)
        #expect(PaymentStatus(.capture, fraud: .accept) == .success)
        #expect(PaymentStatus(.capture, fraud: .challenge) == .pending)
        #expect(PaymentStatus(.settlement, fraud: .deny) == .failed)
        #expect(PaymentStatus(.deny, fraud: nil) == .failed)
        #expect(PaymentStatus(.partialRefund, fraud: nil) == .refunded)
        #expect(PaymentStatus(.partialChargeback, fraud: nil) == .chargeback)
        #expect(TransactionStatus(wire: "SETTLEMENT") == .settlement)
        #expect(TransactionStatus(wire: "settled") == nil)
    }

    @Test("a stale status never undoes a newer one; duplicates change nothing; a review verdict moves forward only")
    func transitions() {
        #expect(OrderTransition.decide(current: nil, incoming: .settlement, fraud: nil) == .apply(.success))
        #expect(OrderTransition.decide(current: (.settlement, nil), incoming: .pending, fraud: nil) == .stale)
        #expect(OrderTransition.decide(current: (.settlement, nil), incoming: .settlement, fraud: nil) == .duplicate)
        #expect(OrderTransition.decide(current: (.settlement, nil), incoming: .deny, fraud: nil) == .apply(.failed))
        #expect(OrderTransition.decide(current: (.deny, nil), incoming: .settlement, fraud: nil) == .stale)
        #expect(OrderTransition.decide(current: (.expire, nil), incoming: .cancel, fraud: nil) == .stale)
        #expect(OrderTransition.decide(current: (.settlement, nil), incoming: .refund, fraud: nil) == .apply(.refunded))
        #expect(OrderTransition.decide(current: (.refund, nil), incoming: .partialRefund, fraud: nil) == .stale)
        #expect(OrderTransition.decide(current: (.capture, .challenge), incoming: .capture, fraud: .accept) == .apply(.success))
        #expect(OrderTransition.decide(current: (.capture, .accept), incoming: .capture, fraud: .challenge) == .stale)
        #expect(OrderTransition.decide(current: (.capture, .accept), incoming: .settlement, fraud: nil) == .apply(.success))
    }

    @Test("orders paid while active extend from the end; a gap starts afresh")
    func stacking() {
        let first = order(.premium, days: 30, price: 49_000, paidAfter: 0)
        let second = order(.premium, days: 90, price: 129_000, paidAfter: 10)
        let (state, periods) = PaidTimeline.replay([second, first])
        #expect(state.paidUntil == start.addingTimeInterval(120 * day))
        #expect(state.since == start)
        #expect(periods.first { $0.orderID == second.id }?.start == start.addingTimeInterval(30 * day))
        #expect(state.tier(at: start.addingTimeInterval(119 * day)) == .premium)
        #expect(state.tier(at: start.addingTimeInterval(120 * day)) == .free)

        let late = order(.premium, days: 30, price: 49_000, paidAfter: 200)
        let (gap, _) = PaidTimeline.replay([first, late])
        #expect(gap.since == late.paidAt)
        #expect(gap.paidUntil == late.paidAt.addingTimeInterval(30 * day))
    }

    @Test("Premium Plus upgrades at once, crediting unused Premium by value; Premium bought during Plus waits for it")
    func upgrades() {
        let premium = order(.premium, days: 30, price: 30_000, paidAfter: 0)
        let plus = order(.premiumPlus, days: 30, price: 60_000, paidAfter: 10)
        let (state, periods) = PaidTimeline.replay([premium, plus])
        // 20 days at 1000/day = 20000, bought at 2000/day = 10 Plus days.
        #expect(abs(state.paidUntil!.timeIntervalSince(start) / day - 50) < 1e-9)
        #expect(state.premiumPlusUntil == state.paidUntil)
        #expect(state.tier(at: start.addingTimeInterval(11 * day)) == .premiumPlus)
        #expect(periods.first { $0.orderID == premium.id }?.end == plus.paidAt)

        let afterwards = order(.premium, days: 30, price: 30_000, paidAfter: 20)
        let (queued, _) = PaidTimeline.replay([premium, plus, afterwards])
        #expect(queued.tier(at: start.addingTimeInterval(49 * day)) == .premiumPlus)
        #expect(queued.tier(at: start.addingTimeInterval(51 * day)) == .premium)
        #expect(abs(queued.paidUntil!.timeIntervalSince(start) / day - 80) < 1e-9)
        #expect(PaidTimeline.replay([]).state == .free)
    }

    @Test("plans parse from configuration with clear errors")
    func planCatalog() throws {
        let catalog = try PlanCatalog.parse("premium-30:premium:30:49000, plus-7:premium_plus:7:25000").get()
        #expect(catalog.plans.map(\.id) == ["premium-30", "plus-7"])
        #expect(catalog.plan(id: "plus-7")?.tier == .premiumPlus)
        for bad in ["", "x:premium:30", "x:free:30:1000", "x:premium:0:1000", "x:premium:30:10", "a b:premium:30:1000",
            "x:premium:30:1000,x:premium:30:1000"] {
            #expect(throws: PlanCatalogError.self, "\(bad)") { try PlanCatalog.parse(bad).get() }
        }
    }

    @Test("amounts are plain decimals; anything else is no amount")
    func amounts() {
        func hundredths(_ text: String) -> Int? {
            PaymentStatusReport(orderID: "o", grossAmount: text, status: .settlement, fraud: nil, transactionID: nil, paymentType: nil)
                .grossAmountHundredths
        }
        #expect(hundredths("150000.00") == 15_000_000)
        #expect(hundredths("150000") == 15_000_000)
        #expect(hundredths("0.5") == 50)
        for bad in ["1e309", "-5.00", "", ".5", "5.", "1.234", "99999999999999", "١٢٣", "12,00", " 1"] {
            #expect(hundredths(bad) == nil, "\(bad)")
        }
    }
}
